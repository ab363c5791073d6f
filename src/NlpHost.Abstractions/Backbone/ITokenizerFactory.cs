namespace NlpHost.Abstractions.Backbone;

/// <summary>
/// Creates tokenizers for vocabularies other than the backbone's (contract 1.1). The host's backbone implements it;
/// discover it with a type test: <c>context.Backbone as ITokenizerFactory</c>.
/// </summary>
public interface ITokenizerFactory
{
    /// <summary>
    /// A tokenizer for a BERT <c>vocab.txt</c>, normalized like the backbone's (accents kept or stripped with the
    /// case, spans into the original text). Relative paths resolve like the backbone's model paths.
    /// </summary>
    /// <exception cref="FileNotFoundException">The vocabulary does not exist.</exception>
    ITextTokenizer CreateTokenizer(string vocabPath, bool lowerCase);
}
