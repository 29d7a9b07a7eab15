// What `bench:getStatus` answers: the bench's version, the port chargers connect to, and who is connected.
export interface BenchStatus {
  version: string;
  port: number;
  connectedChargers: string[];
}
