// Copies manifest resources out of an assembly without loading it, verifying each file's SHA-256.
// Usage: dotnet run ExtractModel.cs -- <assembly> (<resource-name-suffix> <output-file> <sha256>)...
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

if (args.Length < 4 || (args.Length - 1) % 3 != 0)
{
    Console.Error.WriteLine("usage: ExtractModel <assembly> (<resource-suffix> <output> <sha256>)...");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
var resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
for (var i = 1; i < args.Length; i += 3)
{
    var (suffix, output, expected) = (args[i], args[i + 1], args[i + 2]);
    var handle = metadata.ManifestResources
        .Select(h => metadata.GetManifestResource(h))
        .Where(r => metadata.GetString(r.Name).EndsWith(suffix, StringComparison.Ordinal))
        .Select(r => (ManifestResource?)r)
        .FirstOrDefault();
    if (handle is not { } resource)
    {
        Console.Error.WriteLine($"error: no manifest resource ending in '{suffix}' in {args[0]}");
        return 1;
    }

    var reader = resources.GetReader((int)resource.Offset, resources.Length - (int)resource.Offset);
    var bytes = reader.ReadBytes(reader.ReadInt32());
    var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
    if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
    {
        Console.Error.WriteLine($"error: resource '{suffix}' of {args[0]} has SHA-256 {actual}, expected {expected}; the package is not the pinned version or is corrupt — clear it from the NuGet cache and restore again");
        return 1;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    var temporary = output + ".tmp";
    File.WriteAllBytes(temporary, bytes);
    File.Move(temporary, output, overwrite: true);
    Console.WriteLine($"extracted {suffix} -> {output} ({bytes.Length:N0} bytes, sha256 {actual})");
}

return 0;
