using System.Text.Json;
using NlpHost.Tasks.Translate.Models;

namespace NlpHost.Tasks.Translate.Tests;

public sealed class VocabularyTests
{
    [Theory]
    [InlineData("¿Dónde está el baño? ¡Qué día tan bonito!")]
    [InlineData("El niño comió pingüino y señaló: «ñandú».")]
    public void Spanish_target_vocabulary_round_trips_accents_and_inverted_marks(string text)
    {
        var vocabulary = SentencePieceVocabulary.Load(TinyModels.TargetSpm, null, [0, 2, 3]);

        var ids = vocabulary.Encode(text, unknown: 1);

        Assert.DoesNotContain(1, ids);
        Assert.Equal(text, vocabulary.Decode([2, .. ids, 3]));
    }

    [Fact]
    public void Marian_vocabulary_maps_pieces_through_vocab_json_both_ways()
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(TinyModels.Marian, "vocab.json")))!;
        var vocabulary = SentencePieceVocabulary.Load(Path.Combine(TinyModels.Marian, "target.spm"), map, [0, map["<pad>"]]);

        var ids = vocabulary.Encode("Hola, amigo.", unknown: 1);

        Assert.Equal("Hola, amigo.", vocabulary.Decode([map["<pad>"], .. ids, 0]));
    }

    [Fact]
    public void A_file_that_is_not_a_sentencepiece_model_is_refused_with_its_path()
    {
        var path = Path.Combine(TinyModels.Marian, "config.json");

        var error = Assert.Throws<InvalidDataException>(() => SentencePieceVocabulary.Load(path, null, []));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
