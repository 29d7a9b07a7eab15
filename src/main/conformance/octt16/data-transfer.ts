// 2.23 DataTransfer: a vendorId the charger does not support.
import type { Case } from './cases';

export const dataTransferCases: Case[] = [
  {
    id: 'TC_062_CS',
    title: 'Data Transfer to a Charge Point',
    profile: 'Core',
    section: '2.23.1',
    decisions: [
      "The vendorId is the test data's unsupportedVendorId (by default org.example.octt.unsupported), with no messageId or data.",
      'Status Accepted passes with a warning in the observations, as the document has it (the vendor should hear of it); any other answer than Rejected, UnknownMessageId or UnknownVendorId fails.',
    ],
    async run(t) {
      const answer = await t.send('DataTransfer', { vendorId: t.data.unsupportedVendorId }, { checks: { status: ['Rejected', 'UnknownMessageId', 'UnknownVendorId', 'Accepted'] } });
      if (answer.status === 'Accepted') t.observe(`Warning: the charger answered Accepted to a DataTransfer with the unsupported vendorId ${t.data.unsupportedVendorId}`);
    },
  },
];
