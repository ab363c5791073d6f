using System.Text.Json;

namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// Base class for a task with typed input, options and output: it binds the JSON request, reports
/// binding errors as <see cref="TaskInputException"/> naming the field, and serializes the result.
/// </summary>
/// <typeparam name="TInput">The input record, e.g. <c>{"text"}</c>.</typeparam>
/// <typeparam name="TOptions">The per-job options record; its defaults apply when no options are given.</typeparam>
/// <typeparam name="TOutput">The result record.</typeparam>
public abstract class TaskPlugin<TInput, TOptions, TOutput> : ITaskPlugin
    where TInput : class
    where TOptions : class, new()
{
    /// <inheritdoc />
    public abstract TaskDescriptor Descriptor { get; }

    /// <summary>Builds the descriptor from the type parameters.</summary>
    protected static TaskDescriptor Describe(string name, string version, string description, params HeadRequirement[] heads) =>
        new(name, version, description, typeof(TInput), typeof(TOptions), typeof(TOutput), heads);

    /// <inheritdoc />
    public void Validate(TaskRequest request) => BindAndValidate(request);

    /// <inheritdoc />
    public async Task<JsonElement> ExecuteAsync(TaskRequest request, TaskContext context, CancellationToken cancellationToken)
    {
        var (input, options) = BindAndValidate(request);
        var output = await ExecuteAsync(input, options, context, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToElement(output, TaskJson.Options);
    }

    /// <summary>Checks the bound input and options; throw <see cref="TaskInputException"/> naming the field.</summary>
    protected virtual void Validate(TInput input, TOptions options) { }

    /// <summary>Runs the task on validated input.</summary>
    protected abstract Task<TOutput> ExecuteAsync(TInput input, TOptions options, TaskContext context, CancellationToken cancellationToken);

    private (TInput Input, TOptions Options) BindAndValidate(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Bind<TInput>(request.Input, "input")
            ?? throw new TaskInputException("input", $"expected a JSON object for task '{Descriptor.Name}'");
        var options = request.Options is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json
            ? Bind<TOptions>(json, "options") ?? new TOptions()
            : new TOptions();
        Validate(input, options);
        return (input, options);
    }

    private static T? Bind<T>(JsonElement json, string root)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new TaskInputException(root, $"expected a JSON object, got {json.ValueKind.ToString().ToLowerInvariant()}");
        }

        try
        {
            return json.Deserialize<T>(TaskJson.Options);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? root : root + e.Path.TrimStart('$');
            throw new TaskInputException(path, BindingMessages.Describe(e), e);
        }
    }
}
