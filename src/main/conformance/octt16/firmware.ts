// 2.18 FirmwareManagement and 2.19 Diagnostics: UpdateFirmware (installed, download failed, installation
// failed) and GetDiagnostics (uploaded, upload failed), with the bench's own file server and upload
// locations unless the test data names others.
import type { CaseContext } from '../context';
import type { Pics } from '../types';
import { bootStatuses, profile, type Case } from './cases';

/** How long a download, an installation or an upload may take before the charger reports (s). */
const TRANSFER_S = 300;
/** How long a reboot after an installation may take (s). */
const REBOOT_S = 300;

/**
 * The protocol of the bench's own locations: HTTP, unless the charger's SupportedFileTransferProtocols
 * (where it reports the key) lists FTP and not HTTP.
 */
export function protocolFor(pics: Pics): 'http' | 'ftp' {
  const listed = (pics.config.SupportedFileTransferProtocols ?? '')
    .toUpperCase()
    .split(',')
    .map((s) => s.trim());
  return listed.includes('FTP') && !listed.includes('HTTP') ? 'ftp' : 'http';
}

const LOCATIONS =
  "The bench serves the firmware itself (HTTP on the OCPP port, or FTP where the charger's SupportedFileTransferProtocols lists FTP and not HTTP) unless the test data names a location; retrieveDate is now and retries are left out unless the document gives them.";

async function updateFirmware(t: CaseContext, location: string, retries?: number): Promise<void> {
  await t.send(
    'UpdateFirmware',
    { location, retrieveDate: new Date(t.clock.now()).toISOString(), ...(retries !== undefined ? { retries } : {}) },
    { title: `Bench sends UpdateFirmware (location ${location.replace(/\/\/[^@/]*@/, '//')})` },
  );
}

const firmwareStatus = (t: CaseContext, status: string | string[]) => t.expect('FirmwareStatusNotification', { where: { status }, within: TRANSFER_S });

export const firmwareCases: Case[] = [
  {
    id: 'TC_044_1_CS',
    title: 'Firmware Update - Download and Install',
    profile: 'FirmwareManagement',
    section: '2.18.1',
    appliesTo: profile('FirmwareManagement'),
    decisions: [
      LOCATIONS,
      'BootNotification, the StatusNotifications Available of connector 0 and every connector, and FirmwareStatusNotification Installed may come in any order (steps 9-13); Unavailable before the download is an observation.',
    ],
    async run(t) {
      const location = t.data.firmwareLocation ?? (await t.host.files.firmware('valid', protocolFor(t.pics)));
      await updateFirmware(t, location);
      await firmwareStatus(t, 'Downloading');
      await firmwareStatus(t, 'Downloaded');
      await firmwareStatus(t, 'Installing');
      await bootStatuses(t, () => 'Available', [
        { action: 'BootNotification', within: REBOOT_S },
        { action: 'FirmwareStatusNotification', where: { status: 'Installed' }, within: REBOOT_S },
      ]);
    },
  },
  {
    id: 'TC_044_2_CS',
    title: 'Firmware Update - Download Failed',
    profile: 'FirmwareManagement',
    section: '2.18.2',
    appliesTo: profile('FirmwareManagement'),
    decisions: [
      "The location that fails is the test data's badFirmwareLocation (by default http://127.0.0.1:9/firmware/missing.bin: the charger's own loopback, where nothing listens, as the document's ftp://127.0.0.1:21/download_fail.fwi means it), with retries 0.",
      'Downloading is optional (the download may fail at once).',
    ],
    async run(t) {
      await updateFirmware(t, t.data.badFirmwareLocation, 0);
      const first = await firmwareStatus(t, ['Downloading', 'DownloadFailed']);
      if (first.payload.status === 'Downloading') await firmwareStatus(t, 'DownloadFailed');
    },
  },
  {
    id: 'TC_044_3_CS',
    title: 'Firmware Update - Installation Failed',
    profile: 'FirmwareManagement',
    section: '2.18.3',
    appliesTo: profile('FirmwareManagement'),
    decisions: [
      `The unsupported file is the test data's unsupportedFirmwareLocation, or one the bench hosts (a short text file, no firmware for any charger). ${LOCATIONS}`,
      'The case requires the FirmwareManagement profile, which the document leaves out here.',
      'Installing is optional; a reboot is optional and, when it comes, its BootNotification, the StatusNotifications Available and InstallationFailed may come in any order. Without a reboot the case ends at InstallationFailed.',
    ],
    async run(t) {
      const location = t.data.unsupportedFirmwareLocation ?? (await t.host.files.firmware('unsupported', protocolFor(t.pics)));
      await updateFirmware(t, location);
      await firmwareStatus(t, 'Downloading');
      await firmwareStatus(t, 'Downloaded');
      let next = await t.expectAny([
        { action: 'FirmwareStatusNotification', where: { status: ['Installing', 'InstallationFailed'] }, within: TRANSFER_S },
        { action: 'BootNotification', within: TRANSFER_S },
      ]);
      if (next.action === 'FirmwareStatusNotification' && next.payload.status === 'Installing')
        next = await t.expectAny([
          { action: 'FirmwareStatusNotification', where: { status: 'InstallationFailed' }, within: REBOOT_S },
          { action: 'BootNotification', within: REBOOT_S },
        ]);
      if (next.action === 'BootNotification') await bootStatuses(t, () => 'Available', [{ action: 'FirmwareStatusNotification', where: { status: 'InstallationFailed' }, within: REBOOT_S }]);
    },
  },
];

const UPLOADS =
  "The charger uploads to a new upload location of the bench (HTTP, or FTP where the charger's SupportedFileTransferProtocols lists FTP and not HTTP) unless the test data names a location; there the bench also checks that the file arrived.";

export const diagnosticsCases: Case[] = [
  {
    id: 'TC_045_1_CS',
    title: 'Get Diagnostics',
    profile: 'FirmwareManagement',
    section: '2.19.1',
    appliesTo: profile('FirmwareManagement'),
    decisions: [UPLOADS, 'GetDiagnostics is part of the FirmwareManagement profile in OCPP 1.6 (the document files it in a section of its own).'],
    async run(t) {
      const own = t.data.diagnosticsLocation ? null : t.host.files.uploadLocation(protocolFor(t.pics));
      const location = t.data.diagnosticsLocation ?? own!.url;
      const answer = await t.send('GetDiagnostics', { location }, { title: `Bench sends GetDiagnostics (location ${location.replace(/\/\/[^@/]*@/, '//')})` });
      if (answer.fileName === undefined) t.observe('GetDiagnostics.conf named no file (the charger says it has no diagnostics)');
      await t.expect('DiagnosticsStatusNotification', { where: { status: 'Uploading' }, within: TRANSFER_S });
      await t.expect('DiagnosticsStatusNotification', { where: { status: 'Uploaded' }, within: TRANSFER_S });
      if (!own) return t.observe(`The bench cannot see whether the file arrived at ${location} (not its own location)`);
      await t.step('bench', 'The diagnostics file is at the location', async () => {
        const got = own.received();
        t.check(got.length > 0, "the uploaded file at the bench's location", 'no file arrived there');
        t.observe(`Received ${got.map((f) => `${f.name} (${f.bytes} bytes)`).join(', ')}`);
      });
    },
  },
  {
    id: 'TC_045_2_CS',
    title: 'Get Diagnostics - Upload Failed',
    profile: 'FirmwareManagement',
    section: '2.19.2',
    appliesTo: profile('FirmwareManagement'),
    decisions: [
      "The location that fails is the test data's badDiagnosticsLocation (by default http://127.0.0.1:9/upload: the charger's own loopback, where nothing listens, as the document's ftp://127.0.0.1:21/files/failedLocation means it), with retries 0.",
      'Uploading is required before UploadFailed, as the document has it here (unlike the optional Downloading of TC_044_2_CS).',
    ],
    async run(t) {
      await t.send('GetDiagnostics', { location: t.data.badDiagnosticsLocation, retries: 0 });
      await t.expect('DiagnosticsStatusNotification', { where: { status: 'Uploading' }, within: TRANSFER_S });
      await t.expect('DiagnosticsStatusNotification', { where: { status: 'UploadFailed' }, within: TRANSFER_S });
    },
  },
];
