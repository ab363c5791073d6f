using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Tests;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("The council approved the budget on Monday, and the mayor said it was a good day for the city.", "en")]
    [InlineData("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen. Es soll im Januar in Kraft treten und wird von der Opposition kritisiert.", "de")]
    [InlineData("Le gouvernement a présenté mercredi un projet de loi qui sera examiné par les députés dans les prochaines semaines.", "fr")]
    [InlineData("El gobierno aprobó el miércoles una ley que según los expertos es la más importante de la década.", "es")]
    [InlineData("北京市政府周三宣布了一项新的交通计划，以减少城市的空气污染。", "zh")]
    [InlineData("東京都は水曜日に新しい交通計画を発表しました。", "ja")]
    [InlineData("Правительство объявило о новом плане в среду.", "ru")]
    [InlineData("12345 67890", "und")]
    public void Guesses_the_language_from_script_and_function_words(string text, string expected) =>
        Assert.Equal(expected, LanguageGuess.Of(text));

    [Fact]
    public void English_has_no_note_and_other_languages_say_the_backbone_is_english()
    {
        Assert.Null(LanguageNote.For("en"));
        Assert.Null(LanguageNote.For("und"));
        Assert.Contains("German (de)", LanguageNote.For("de"), StringComparison.Ordinal);
        Assert.Contains("English only", LanguageNote.For("zh"), StringComparison.Ordinal);
    }
}
