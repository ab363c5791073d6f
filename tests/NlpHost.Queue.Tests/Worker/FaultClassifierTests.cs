using System.Data.Common;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Internal.Execution;

namespace NlpHost.Queue.Tests.Worker;

public sealed class FaultClassifierTests
{
    [Fact]
    public void Declared_exception_types_and_their_subclasses_are_transient_and_nothing_is_matched_by_name()
    {
        var options = new JobFaultOptions();
        options.TransientExceptions.Add(typeof(IOException));
        var faults = new FaultClassifier(Options.Create(options));
        var undeclared = new FaultClassifier(Options.Create(new JobFaultOptions()));

        Assert.True(faults.IsTransient(new IOException("disk")));
        Assert.True(faults.IsTransient(new FileNotFoundException("gone")));
        Assert.True(faults.IsTransient(new InvalidOperationException("wrapped", new IOException("disk"))));
        Assert.False(undeclared.IsTransient(new IOException("disk")));
        Assert.False(faults.IsTransient(new InvalidOperationException("bug")));
        Assert.False(faults.IsTransient(new TaskInputException("text", "bad input", new IOException("disk"))));
        Assert.True(undeclared.IsTransient(new TransientTaskException("busy")));
        Assert.True(undeclared.IsTransient(new FakeDbException()));
    }

    private sealed class FakeDbException : DbException;
}
