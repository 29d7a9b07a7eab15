// The OCPP 1.6J action map: every action's request and response schema, who initiates it and its
// feature profile. `RequestOf<'Reset'>` / `ResponseOf<'Reset'>` give the payload types at compile time.
import type { z } from 'zod';
import * as m from './messages';

/** OCPP 1.6's feature profiles (the values of SupportedFeatureProfiles): the one list every part uses. */
export const featureProfiles = ['Core', 'FirmwareManagement', 'LocalAuthListManagement', 'Reservation', 'SmartCharging', 'RemoteTrigger'] as const;
export type FeatureProfile = (typeof featureProfiles)[number];
/** The profile an action belongs to: one of the six, or the security extension's. */
export type ActionProfile = FeatureProfile | 'Security';
/** Who sends the CALL: the charge point (CP), the central system (CS), or either (DataTransfer). */
export type Initiator = 'CP' | 'CS' | 'both';

export interface ActionDef<Req extends z.ZodType, Res extends z.ZodType, I extends Initiator, P extends ActionProfile> {
  request: Req;
  response: Res;
  initiator: I;
  /** Kept literal, so a type can pick actions by profile (the UI offers the six profiles' actions). */
  profile: P;
}
const def = <Req extends z.ZodType, Res extends z.ZodType, I extends Initiator, P extends ActionProfile>(request: Req, response: Res, initiator: I, profile: P): ActionDef<Req, Res, I, P> => ({
  request,
  response,
  initiator,
  profile,
});

export const actions = {
  // Charge point to central system
  Authorize: def(m.AuthorizeRequest, m.AuthorizeResponse, 'CP', 'Core'),
  BootNotification: def(m.BootNotificationRequest, m.BootNotificationResponse, 'CP', 'Core'),
  DataTransfer: def(m.DataTransferRequest, m.DataTransferResponse, 'both', 'Core'),
  DiagnosticsStatusNotification: def(m.DiagnosticsStatusNotificationRequest, m.DiagnosticsStatusNotificationResponse, 'CP', 'FirmwareManagement'),
  FirmwareStatusNotification: def(m.FirmwareStatusNotificationRequest, m.FirmwareStatusNotificationResponse, 'CP', 'FirmwareManagement'),
  Heartbeat: def(m.HeartbeatRequest, m.HeartbeatResponse, 'CP', 'Core'),
  MeterValues: def(m.MeterValuesRequest, m.MeterValuesResponse, 'CP', 'Core'),
  StartTransaction: def(m.StartTransactionRequest, m.StartTransactionResponse, 'CP', 'Core'),
  StatusNotification: def(m.StatusNotificationRequest, m.StatusNotificationResponse, 'CP', 'Core'),
  StopTransaction: def(m.StopTransactionRequest, m.StopTransactionResponse, 'CP', 'Core'),
  // Central system to charge point
  CancelReservation: def(m.CancelReservationRequest, m.CancelReservationResponse, 'CS', 'Reservation'),
  ChangeAvailability: def(m.ChangeAvailabilityRequest, m.ChangeAvailabilityResponse, 'CS', 'Core'),
  ChangeConfiguration: def(m.ChangeConfigurationRequest, m.ChangeConfigurationResponse, 'CS', 'Core'),
  ClearCache: def(m.ClearCacheRequest, m.ClearCacheResponse, 'CS', 'Core'),
  ClearChargingProfile: def(m.ClearChargingProfileRequest, m.ClearChargingProfileResponse, 'CS', 'SmartCharging'),
  GetCompositeSchedule: def(m.GetCompositeScheduleRequest, m.GetCompositeScheduleResponse, 'CS', 'SmartCharging'),
  GetConfiguration: def(m.GetConfigurationRequest, m.GetConfigurationResponse, 'CS', 'Core'),
  GetDiagnostics: def(m.GetDiagnosticsRequest, m.GetDiagnosticsResponse, 'CS', 'FirmwareManagement'),
  GetLocalListVersion: def(m.GetLocalListVersionRequest, m.GetLocalListVersionResponse, 'CS', 'LocalAuthListManagement'),
  RemoteStartTransaction: def(m.RemoteStartTransactionRequest, m.RemoteStartTransactionResponse, 'CS', 'Core'),
  RemoteStopTransaction: def(m.RemoteStopTransactionRequest, m.RemoteStopTransactionResponse, 'CS', 'Core'),
  ReserveNow: def(m.ReserveNowRequest, m.ReserveNowResponse, 'CS', 'Reservation'),
  Reset: def(m.ResetRequest, m.ResetResponse, 'CS', 'Core'),
  SendLocalList: def(m.SendLocalListRequest, m.SendLocalListResponse, 'CS', 'LocalAuthListManagement'),
  SetChargingProfile: def(m.SetChargingProfileRequest, m.SetChargingProfileResponse, 'CS', 'SmartCharging'),
  TriggerMessage: def(m.TriggerMessageRequest, m.TriggerMessageResponse, 'CS', 'RemoteTrigger'),
  UnlockConnector: def(m.UnlockConnectorRequest, m.UnlockConnectorResponse, 'CS', 'Core'),
  UpdateFirmware: def(m.UpdateFirmwareRequest, m.UpdateFirmwareResponse, 'CS', 'FirmwareManagement'),
  // Security extension, charge point to central system
  LogStatusNotification: def(m.LogStatusNotificationRequest, m.LogStatusNotificationResponse, 'CP', 'Security'),
  SecurityEventNotification: def(m.SecurityEventNotificationRequest, m.SecurityEventNotificationResponse, 'CP', 'Security'),
  SignCertificate: def(m.SignCertificateRequest, m.SignCertificateResponse, 'CP', 'Security'),
  SignedFirmwareStatusNotification: def(m.SignedFirmwareStatusNotificationRequest, m.SignedFirmwareStatusNotificationResponse, 'CP', 'Security'),
  // Security extension, central system to charge point
  CertificateSigned: def(m.CertificateSignedRequest, m.CertificateSignedResponse, 'CS', 'Security'),
  DeleteCertificate: def(m.DeleteCertificateRequest, m.DeleteCertificateResponse, 'CS', 'Security'),
  ExtendedTriggerMessage: def(m.ExtendedTriggerMessageRequest, m.ExtendedTriggerMessageResponse, 'CS', 'Security'),
  GetInstalledCertificateIds: def(m.GetInstalledCertificateIdsRequest, m.GetInstalledCertificateIdsResponse, 'CS', 'Security'),
  GetLog: def(m.GetLogRequest, m.GetLogResponse, 'CS', 'Security'),
  InstallCertificate: def(m.InstallCertificateRequest, m.InstallCertificateResponse, 'CS', 'Security'),
  SignedUpdateFirmware: def(m.SignedUpdateFirmwareRequest, m.SignedUpdateFirmwareResponse, 'CS', 'Security'),
} as const;

export type Action = keyof typeof actions;
export type RequestOf<A extends Action> = z.infer<(typeof actions)[A]['request']>;
export type ResponseOf<A extends Action> = z.infer<(typeof actions)[A]['response']>;

type ActionsBy<I extends Initiator> = { [A in Action]: (typeof actions)[A]['initiator'] extends I | 'both' ? A : never }[Action];
/** Actions a charge point sends (the central system handles them). */
export type ChargePointAction = ActionsBy<'CP'>;
/** Actions the central system sends (the charge point handles them). */
export type CentralSystemAction = ActionsBy<'CS'>;
/** The actions of one feature profile, e.g. ActionsOf<'Security'>. */
export type ActionsOf<P extends ActionProfile> = { [A in Action]: (typeof actions)[A]['profile'] extends P ? A : never }[Action];

export const isAction = (name: string): name is Action => Object.prototype.hasOwnProperty.call(actions, name);
/** An action the central system sends (a name from outside: a face's call, a test case). */
export const isCentralSystemAction = (name: string): name is CentralSystemAction => isAction(name) && actions[name].initiator !== 'CP';
/** An action a charge point sends. */
export const isChargePointAction = (name: string): name is ChargePointAction => isAction(name) && actions[name].initiator !== 'CS';

export const allActions = Object.keys(actions) as Action[];
export const chargePointActions = allActions.filter(isChargePointAction);
export const centralSystemActions = allActions.filter(isCentralSystemAction);
