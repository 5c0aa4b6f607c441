import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

/** One store thread's V8 heap (MB, one decimal), as diagnostics and bench:store report it. */
export interface ThreadMemory {
  /** Memory the heap holds from the system (committed and touched). */
  heapPhysicalMb: number;
  /** Of it, in live and not yet collected objects. */
  heapUsedMb: number;
  /** The young generation's size now (the semi-spaces and its large-object space). */
  youngGenerationMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** This thread's heap now. */
export function threadMemory(): ThreadMemory {
  const heap = getHeapStatistics();
  const young = getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
    .reduce((sum, space) => sum + space.space_size, 0);
  return { heapPhysicalMb: mb(heap.total_physical_size), heapUsedMb: mb(heap.used_heap_size), youngGenerationMb: mb(young) };
}
