# Sourced by the queue benches that time bookkeeping (queue.sh, queue-curve.sh, queue-latency.sh, queue-soak.sh):
# builds the host and the fixture plugins (unless BENCH_NO_BUILD=1, e.g. while a test run holds the build outputs),
# then the scratch folder and cleanup of bench/lib/scratch.sh, plus the trivial 'noop' task's plugin
# (tests/Fixtures/QueueProbePlugin) in $work/plugins.
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
  dotnet build tests/Fixtures/Fixtures.sln -c Release -nologo -v q >/dev/null
fi
. bench/lib/scratch.sh
mkdir -p "$work/plugins/QueueProbePlugin"
cp tests/Fixtures/QueueProbePlugin/bin/Release/net10.0/* "$work/plugins/QueueProbePlugin/"
