// What a run takes the charger to have that no charger reports (fixed cable, lock, reader, back-up power),
// and where each came from: declared by the person, a built-in virtual charger's own definition, or the
// bench's default. A reason that names one says so truthfully.
import { capabilities, type Capability, type CapabilitySource, type Pics } from '../../shared/api/test-runs';
import type { PicsDeclaration } from './pics';

/** Where each capability comes from: what the person declared goes over the virtual charger's own. */
export function capabilitySources(declared: PicsDeclaration | undefined, own: PicsDeclaration | undefined): Record<Capability, CapabilitySource> {
  const from = (k: Capability): CapabilitySource => (declared?.[k] !== undefined ? 'declared' : own?.[k] !== undefined ? 'virtual' : 'default');
  return Object.fromEntries(capabilities.map((k) => [k, from(k)])) as Record<Capability, CapabilitySource>;
}

/**
 * Where a capability came from, in words for a parenthesis beside it ("declared for the run"); null when the
 * run did not record it (a run kept before it was, a case run on its own).
 */
export function capabilitySource(p: Pics, k: Capability): string | null {
  switch (p.capabilitiesFrom?.[k]) {
    case 'declared':
      return 'declared for the run';
    case 'virtual':
      return 'not declared for the run: as the built-in virtual charger is defined';
    case 'default':
      return 'not declared for the run: the bench’s default';
    default:
      return null;
  }
}
