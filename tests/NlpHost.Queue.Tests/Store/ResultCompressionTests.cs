using System.Text.Json;
using NlpHost.Queue.Jobs;
using NlpHost.Queue.Tests.Infrastructure;
using static NlpHost.Queue.Tests.Infrastructure.TestJobs;

namespace NlpHost.Queue.Tests.Store;

public sealed class ResultCompressionTests
{
    [Theory, SqliteBackend, PostgresBackend]
    public async Task Large_results_are_stored_compressed_and_read_back_unchanged_small_ones_stay_plain(string backend)
    {
        await using var db = await TestBackend.CreateAsync(backend);
        var ids = (await db.Store.EnqueueBatchAsync([Request(), Request(), Request()])).Select(r => r.Job.Id).ToList();
        await db.Store.LeaseBatchAsync("w", Lease, null, 3, default);
        var large = LargeResult(documents: 12000);
        var small = Json("""{"k":3,"clusters":[]}""");

        await db.Store.CompleteAsync(ids[0], "w", large);
        await db.Store.CompleteBatchAsync([new JobCompletion(ids[1], "w", large), new JobCompletion(ids[2], "w", small)]);

        foreach (var id in ids[..2])
        {
            var stored = await db.ReadStoredResultAsync(id);
            Assert.StartsWith("~gzip:", stored);
            Assert.True(stored!.Length * 2 < large.GetRawText().Length, $"{stored.Length} stored characters for {large.GetRawText().Length}");
            Assert.Equal(large.GetRawText(), (await db.Store.GetAsync(id))!.Result!.Value.GetRawText());
        }

        Assert.Equal(small.GetRawText(), await db.ReadStoredResultAsync(ids[2]));
        Assert.Equal(small.GetRawText(), (await db.Store.GetAsync(ids[2]))!.Result!.Value.GetRawText());
    }

    // A clustering-like result: repetitive keys and ids, as the big results users store are.
    private static JsonElement LargeResult(int documents) => JsonSerializer.SerializeToElement(new
    {
        clusters = Enumerable.Range(0, 10).Select(c => new
        {
            id = c,
            members = Enumerable.Range(0, documents / 10).Select(i => $"document-{c * documents / 10 + i:D6}"),
            keywords = new[] { "central bank", "interest rates", "inflation" },
        }),
    });
}
