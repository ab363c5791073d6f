using System.Runtime.InteropServices;

namespace NlpHost.Inference.Internal;

/// <summary>
/// Looks for the CUDA libraries ONNX Runtime's CUDA provider links against before ONNX Runtime is asked to load it: when
/// one is missing, ONNX Runtime prints an error of its own on stderr, which under <c>auto</c> only alarms users of
/// CPU-only machines.
/// </summary>
internal static class CudaLibraries
{
    // ONNX Runtime 1.31's CUDA provider is built against CUDA 13 and cuDNN 9.
    private static readonly string[] Linux = ["libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcudnn.so.9"];
    private static readonly string[] Windows = ["cudart64_13.dll", "cublasLt64_13.dll", "cublas64_13.dll", "cudnn64_9.dll"];

    /// <summary>Why CUDA cannot run here (the first library that does not load), or <see langword="null"/> when all load.</summary>
    public static string? FirstMissing()
    {
        var names = OperatingSystem.IsLinux() ? Linux : OperatingSystem.IsWindows() ? Windows : null;
        if (names is null)
        {
            return "ONNX Runtime's CUDA provider runs on Linux and Windows only";
        }

        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                return $"{name} missing";
            }

            NativeLibrary.Free(handle);
        }

        return null;
    }
}
