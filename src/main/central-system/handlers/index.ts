// What the central system answers to each action a charge point initiates, one file per action. The map
// is typed so that leaving out a charge-point action is a compile error.
import type { ChargePointAction, RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { Authorize } from './Authorize';
import { BootNotification } from './BootNotification';
import { DataTransfer } from './DataTransfer';
import { DiagnosticsStatusNotification } from './DiagnosticsStatusNotification';
import { FirmwareStatusNotification } from './FirmwareStatusNotification';
import { Heartbeat } from './Heartbeat';
import { LogStatusNotification } from './LogStatusNotification';
import { MeterValues } from './MeterValues';
import { SecurityEventNotification } from './SecurityEventNotification';
import { SignCertificate } from './SignCertificate';
import { SignedFirmwareStatusNotification } from './SignedFirmwareStatusNotification';
import { StartTransaction } from './StartTransaction';
import { StatusNotification } from './StatusNotification';
import { StopTransaction } from './StopTransaction';

export type { HandlerContext };
/** Each handler is given the CALL's message id too (a warning it records names its frame by it). */
export type ChargePointHandlers = { [A in ChargePointAction]: (ctx: HandlerContext, req: RequestOf<A>, messageId: string) => ResponseOf<A> };

export const chargePointHandlers: ChargePointHandlers = {
  BootNotification,
  Heartbeat,
  StatusNotification,
  Authorize,
  StartTransaction,
  StopTransaction,
  MeterValues,
  DataTransfer,
  DiagnosticsStatusNotification,
  FirmwareStatusNotification,
  SignedFirmwareStatusNotification,
  SecurityEventNotification,
  LogStatusNotification,
  SignCertificate,
};
