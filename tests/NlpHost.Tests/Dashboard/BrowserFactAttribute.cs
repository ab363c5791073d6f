namespace NlpHost.Tests.Dashboard;

/// <summary>
/// A test that drives Debian's headless Chromium. Skipped, saying why, when <c>chromium</c> or <c>chromium-driver</c> is
/// not installed — unless <c>NLPHOST_TEST_BROWSER=required</c> (set by <c>.ci/run</c>), where a missing browser fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";
    public const string RequiredVariable = "NLPHOST_TEST_BROWSER";

    public BrowserFactAttribute()
    {
        if (!IsRequired && (!File.Exists(Chromium) || !File.Exists(ChromeDriver)))
        {
            Skip = $"needs {Chromium} and {ChromeDriver}: apt-get install -y chromium chromium-driver (CI sets {RequiredVariable}=required and fails instead)";
        }
    }

    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "required", StringComparison.OrdinalIgnoreCase);
}
