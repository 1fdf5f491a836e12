/** The benchmark's printed figures: one line per kind, the JSON keys as in `--json`. */
export type BenchResult = Record<string, number | string | number[]>;

export function reportLines(result: BenchResult, queryCount: number, source: string): string[] {
  return [
    `episodes ${result.episodes}, segments ${result.segments}, queries ${queryCount}, CPU ${result.cpuThrottle}× slower (workers too: ${result.workersThrottled})`,
    `first visit: first results on screen ${result.firstResultMs} ms after navigation (median of ${JSON.stringify(result.firstResultRunsMs)})`,
    `machine speed: the same index made in Node in ${result.nodeIndexMs} ms (median of ${JSON.stringify(result.nodeIndexRunsMs)}, before and after the browser's runs); compare runs only at a like figure`,
    `index: first-ever ready ${result.indexReadyMs} ms after navigation (median of ${JSON.stringify(result.indexReadyRunsMs)}); warm start to first result ${result.warmStartMs} ms (median of ${JSON.stringify(result.warmStartRunsMs)}, index ${source})`,
    `query in worker: p50 ${result.queryP50Ms} ms, p95 ${result.queryP95Ms} ms (the same queries again, settled: p50 ${result.querySettledP50Ms} ms, p95 ${result.querySettledP95Ms} ms); keystroke to results on screen p95 ${result.keystrokeP95Ms} ms`,
    `recall@10 ${result.recallAt10} (exact ${result.recallExact}, typo ${result.recallTypo}, prefix ${result.recallPrefix})`,
    `topic queries (${result.topicQueries}): recall@1 ${result.topicRecallAt1}, recall@10 ${result.topicRecallAt10}, MRR@10 ${result.topicMrr}, empty ${result.topicEmpty}`,
    `  peer, MiniSearch over 60 s passages: recall@1 ${result.peerTopicRecallAt1}, recall@10 ${result.peerTopicRecallAt10}, MRR@10 ${result.peerTopicMrr}, empty ${result.peerTopicEmpty}`,
    `worker memory ${result.heapMB} MB (JS heap ${result.jsHeapMB} MB, array buffers ${result.arrayBuffersMB} MB)`,
    `reading the longest episode (${result.longestEpisodeSegments} segments): on screen in ${result.longestEpisodeShownMs} ms, scrolling frame p95 ${result.scrollFrameP95Ms} ms; longest main-thread task ${result.longestEpisodeLongTaskMs} ms (observed; over 50 ms only), ran ${result.longestEpisodeTaskCpuMs} ms of thread time (median of ${JSON.stringify(result.longestEpisodeTaskCpuRunsMs)}, traced); of the page's own tasks (not the navigation's commit) ${result.longestEpisodePageTaskCpuMs} ms (${JSON.stringify(result.longestEpisodePageTaskCpuRunsMs)})`,
    `build: main JS ${result.mainJsGzipKB} KB gzip, worker JS ${result.workerJsGzipKB} KB gzip (+ ${result.workerOnDemandJsGzipKB} KB on a first import), precache ${result.precacheMB} MB (${result.precachePerEpisodeKB} KB per episode)`,
    `bundled transcripts (${result.bundledEpisodes} episodes): precache ${result.bundledPrecacheKB} KB`,
  ];
}
