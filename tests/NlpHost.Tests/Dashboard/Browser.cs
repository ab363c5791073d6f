using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace NlpHost.Tests.Dashboard;

/// <summary>Headless Debian Chromium through its chromedriver: no Selenium Manager, no browser download.</summary>
internal sealed class Browser : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);
    private readonly ChromeDriver _driver;

    private Browser(ChromeDriver driver, Uri address)
    {
        _driver = driver;
        Address = address;
    }

    public Uri Address { get; }

    public IWebDriver Driver => _driver;

    public static Browser Start(Uri address)
    {
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800", "--no-first-run");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!, Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)), address);
    }

    public void Open(string hash) => _driver.Navigate().GoToUrl(new Uri(Address, "/" + hash));

    /// <summary>Waits for an element the page draws after its data arrives.</summary>
    public IWebElement WaitFor(string css, TimeSpan? timeout = null) =>
        Until(d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), timeout, () => $"no visible '{css}'")!;

    public T Until<T>(Func<IWebDriver, T?> condition, TimeSpan? timeout, Func<string> describe)
    {
        var wait = new WebDriverWait(_driver, timeout ?? DefaultWait) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(d => condition(d))!;
        }
        catch (WebDriverTimeoutException e)
        {
            throw new TimeoutException($"{describe()} at {_driver.Url}; page text:\n{Text()}", e);
        }
    }

    public T Script<T>(string script, params object[] args) => (T)((IJavaScriptExecutor)_driver).ExecuteScript(script, args)!;

    public string Text() => _driver.FindElement(By.TagName("body")).Text;

    /// <summary>Logs in when the page asks for a key; a no-op when this tab already holds it.</summary>
    public void LogIn(string key)
    {
        Open("#/");
        var field = Until(d => d.FindElements(By.Id("api-key")).FirstOrDefault() ?? d.FindElements(By.Id("overview-title")).FirstOrDefault(), null, () => "neither login nor overview");
        if (field.GetAttribute("id") == "api-key")
        {
            field.SendKeys(key);
            _driver.FindElement(By.Id("login")).Click();
            WaitFor("#overview-title");
        }
    }

    /// <summary>Saves the whole page: the window is stretched to the page's height for the shot, then put back.</summary>
    public void Screenshot(string folder, string name)
    {
        var window = _driver.Manage().Window;
        var size = window.Size;
        var chrome = size.Height - Script<long>("return window.innerHeight");
        var height = Script<long>("return document.documentElement.scrollHeight");
        window.Size = new System.Drawing.Size(size.Width, (int)Math.Min(4000, height + chrome));
        try
        {
            _driver.GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
        }
        finally
        {
            window.Size = size;
        }
    }

    public void Resize(int width, int height) => _driver.Manage().Window.Size = new System.Drawing.Size(width, height);

    /// <summary>Console messages at error level since the last call (reading them clears them).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message)];

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
