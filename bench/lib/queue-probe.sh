# Sourced by the queue benches that time bookkeeping (queue.sh, queue-latency.sh): the scratch folder and cleanup of
# bench/lib/scratch.sh, plus the trivial 'noop' task's plugin (tests/Fixtures/QueueProbePlugin, built beforehand) in
# $work/plugins.
. bench/lib/scratch.sh
mkdir -p "$work/plugins/QueueProbePlugin"
cp tests/Fixtures/QueueProbePlugin/bin/Release/net10.0/* "$work/plugins/QueueProbePlugin/"
