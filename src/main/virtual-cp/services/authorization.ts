// Authorization: whether a card may charge, as a good charger decides it: the local authorization list
// (SendLocalList), the authorization cache, Authorize, and the offline rules of its configuration keys.
import type { AuthorizationData, IdTagInfo, RequestOf, ResponseOf } from '../../../shared/ocpp16';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Model } from '../model';

/** The configuration keys authorization owns. */
export const authorizationKeys = [
  'LocalAuthListEnabled',
  'LocalAuthListMaxLength',
  'SendLocalListMaxLength',
  'AuthorizationCacheEnabled',
  'LocalPreAuthorize',
  'LocalAuthorizeOffline',
  'AllowOfflineTxForUnknownId',
  'AuthorizeRemoteTxRequests',
] as const;

/** The cache keeps this many answers, the oldest dropped first. */
const CACHE_SIZE = 1_000;

export interface SavedAuthorization {
  localList?: { version: number; entries: AuthorizationData[] };
  cache?: Array<[string, IdTagInfo]>;
}

export class AuthorizationService {
  /** The auth-failure fault: every card not in the local list is Invalid. */
  refuseUnlisted = false;
  private localList: { version: number; entries: Map<string, IdTagInfo | undefined> };
  private readonly cache: Map<string, IdTagInfo>;
  private readonly keys: OwnedKeys<(typeof authorizationKeys)[number]>;

  constructor(
    private readonly cp: Model,
    saved: SavedAuthorization,
  ) {
    this.keys = ownKeys(cp.config, authorizationKeys);
    this.localList = { version: saved.localList?.version ?? 0, entries: new Map((saved.localList?.entries ?? []).map((e) => [e.idTag, e.idTagInfo])) };
    this.cache = new Map(saved.cache ?? []);
    this.keys.onChange('AuthorizationCacheEnabled', () => {
      if (!this.keys.AuthorizationCacheEnabled) this.cache.clear();
    });
  }

  /** Authorizes a card as a good charger does: local list and cache first where allowed, else Authorize. */
  async authorize(idTag: string): Promise<IdTagInfo> {
    const listed = this.listed(idTag);
    const cacheOn = this.keys.AuthorizationCacheEnabled;
    const cached = cacheOn ? this.cache.get(idTag) : undefined;
    const local = listed ? this.effective(listed) : cached ? this.effective(cached) : undefined;
    if (this.cp.isAccepted) {
      if (local?.status === 'Accepted' && this.keys.LocalPreAuthorize) return local;
      const outcome = await this.cp.call('Authorize', { idTag });
      if (outcome.outcome === 'completed') {
        let info = outcome.response.idTagInfo;
        if (cacheOn && !listed) this.remember(idTag, info);
        if (this.refuseUnlisted && !listed) info = { status: 'Invalid' };
        return info;
      }
    }
    // Offline (or the central system did not answer).
    if (this.refuseUnlisted && !listed) return { status: 'Invalid' };
    if (!local) return { status: this.keys.AllowOfflineTxForUnknownId ? 'Accepted' : 'Invalid' };
    return this.keys.LocalAuthorizeOffline ? local : { status: 'Invalid' };
  }

  /** AuthorizeRemoteTxRequests: a remote start's idTag is authorized first. */
  get authorizesRemoteStarts(): boolean {
    return this.keys.AuthorizeRemoteTxRequests;
  }

  /** The idTagInfo of a StartTransaction answer goes in the cache too (listed cards excepted). */
  startAnswered(idTag: string, info: IdTagInfo): void {
    if (this.keys.AuthorizationCacheEnabled && !this.listed(idTag)) this.remember(idTag, info);
  }

  sendLocalList(req: RequestOf<'SendLocalList'>): ResponseOf<'SendLocalList'>['status'] {
    if (!this.keys.LocalAuthListEnabled) return 'NotSupported';
    const entries = req.localAuthorizationList ?? [];
    if (entries.length > this.keys.SendLocalListMaxLength) return 'Failed';
    if (req.updateType === 'Differential' && req.listVersion <= this.currentVersion) return 'VersionMismatch';
    const next = req.updateType === 'Full' ? new Map<string, IdTagInfo | undefined>() : new Map(this.localList.entries);
    for (const e of entries) {
      if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
      else if (req.updateType === 'Differential') next.delete(e.idTag);
      else return 'Failed';
    }
    if (next.size > this.keys.LocalAuthListMaxLength) return 'Failed';
    this.localList = { version: req.listVersion, entries: next };
    this.cp.changed();
    return 'Accepted';
  }

  /** GetLocalListVersion: -1 while the list is switched off, 0 while it is empty (OCPP 1.6, GetLocalListVersion.conf: version 0 means an empty list). */
  listVersion(): number {
    return this.keys.LocalAuthListEnabled ? this.currentVersion : -1;
  }

  /** The list's version, 0 when it holds no entry. */
  private get currentVersion(): number {
    return this.localList.entries.size === 0 ? 0 : this.localList.version;
  }

  /** The list's version as it is kept, on or off (for the user). */
  get storedListVersion(): number {
    return this.localList.version;
  }

  clearCache(): void {
    this.cache.clear();
    this.cp.changed();
  }

  saved(): Required<SavedAuthorization> {
    return {
      localList: { version: this.localList.version, entries: [...this.localList.entries].map(([idTag, idTagInfo]) => (idTagInfo ? { idTag, idTagInfo } : { idTag })) },
      cache: [...this.cache],
    };
  }

  private listed(idTag: string): IdTagInfo | undefined {
    if (!this.keys.has('LocalAuthListEnabled') || !this.keys.LocalAuthListEnabled) return undefined;
    return this.localList.entries.get(idTag);
  }

  private effective(info: IdTagInfo): IdTagInfo {
    if (info.status === 'Accepted' && info.expiryDate && Date.parse(info.expiryDate) < this.cp.clock.now()) return { ...info, status: 'Expired' };
    return info;
  }

  /** The authorization cache keeps the latest answers, oldest dropped first; listed tags are not cached (3.5.3). */
  private remember(idTag: string, info: IdTagInfo): void {
    this.cache.delete(idTag);
    this.cache.set(idTag, info);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}
