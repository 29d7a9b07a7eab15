// The operations the UI offers, derived from the spec's action list: every action the central system
// sends in OCPP 1.6's six feature profiles (the security extension's are not offered here).
import { actions, centralSystemActions, type CentralSystemAction } from '../../../../../shared/ocpp16/actions';

export type OperationAction = { [A in CentralSystemAction]: (typeof actions)[A]['profile'] extends 'Security' ? never : A }[CentralSystemAction];

export const operationActions = centralSystemActions.filter((a): a is OperationAction => actions[a].profile !== 'Security');
