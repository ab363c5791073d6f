using System.Text.Json;

namespace NlpHost.Queue.Jobs;

/// <summary>A finished job to mark succeeded, written with others in one transaction.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Owner">The lease owner that ran it.</param>
/// <param name="Result">Its result.</param>
public sealed record JobCompletion(string Id, string Owner, JsonElement Result);
