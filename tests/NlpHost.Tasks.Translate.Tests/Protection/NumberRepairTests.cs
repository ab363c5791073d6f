using NlpHost.Tasks.Translate.Text.Protection;

namespace NlpHost.Tasks.Translate.Tests.Protection;

public sealed class NumberRepairTests
{
    [Theory]
    [InlineData("La empresa cortará dos.000 empleos.", "2,000", "La empresa cortará 2,000 empleos.")]
    [InlineData("Las ventas subieron cinco% el lunes.", "5%", "Las ventas subieron 5% el lunes.")]
    [InlineData("Las ventas subieron cinco por ciento.", "5%", "Las ventas subieron 5%.")]
    [InlineData("Los precios bajaron 7 por ciento.", "0.7", "Los precios bajaron 0.7 por ciento.")]
    [InlineData("Llegó a 3.000 millones.", "$3.2", "Llegó a $3.2 millones.")]
    [InlineData("Nació en 1990.", "1987", "Nació en 1987.")]
    public void A_mangled_figure_is_replaced_by_the_source_figure(string translation, string figure, string expected)
    {
        var (text, missing) = NumberRepair.Apply(translation, [figure], "es");

        Assert.Equal(expected, text);
        Assert.Empty(missing);
    }

    [Fact]
    public void Figures_already_kept_are_left_alone_and_the_rest_replaced_in_order()
    {
        var (text, missing) = NumberRepair.Apply("En 2020 vendió 12.000 coches y 5 camiones.", ["2020", "12,000", "50"], "es");

        Assert.Equal("En 2020 vendió 12,000 coches y 50 camiones.", text);
        Assert.Empty(missing);
    }

    [Fact]
    public void Words_that_translate_english_number_words_are_not_taken_for_a_figure_when_digits_match()
    {
        var (text, _) = NumberRepair.Apply("Tres hombres pagaron 40 euros.", ["45"], "es");

        Assert.Equal("Tres hombres pagaron 45 euros.", text);
    }

    [Fact]
    public void Figures_that_cannot_be_placed_are_reported_not_guessed()
    {
        var (text, missing) = NumberRepair.Apply("La reunión es a las 5 de la fecha 9:00 a las 10:00.", ["12/05/2024", "10:30"], "es");

        Assert.Equal("La reunión es a las 5 de la fecha 9:00 a las 10:00.", text);
        Assert.Equal(["12/05/2024", "10:30"], missing);
    }
}
