import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** The machine a benchmark ran on; every result carries it. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** ISO 8601 time the run finished. */
  date: string;
}

/** Describes this machine and the Node.js running the benchmark, stamped with the current time. */
export function machineInfo(): MachineInfo {
  const [first] = cpus();
  return {
    cpuModel: first?.model.trim() || 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** One line naming the machine, for reports. */
export function describeMachine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node.js ${machine.node}, ${machine.date.slice(0, 16).replace('T', ' ')} UTC`;
}
