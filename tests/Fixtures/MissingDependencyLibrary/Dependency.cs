namespace MissingDependencyLibrary;

public sealed record Dependency(string Name);
