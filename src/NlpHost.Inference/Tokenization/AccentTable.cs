namespace NlpHost.Inference.Tokenization;

/// <summary>
/// Base letters of precomposed Latin, Greek and Cyrillic letters (NFD minus non-spacing marks). Generated with
/// Python's unicodedata because <c>string.Normalize</c> is a no-op under InvariantGlobalization, which NlpHost uses.
/// </summary>
internal static class AccentTable
{
    private const int Start0 = 0x00C0;
    private const string Range0 =
        "AAAAAAÆCEEEEIIIIÐNOOOOO×ØUUUUYÞßaaaaaaæceeeeiiii" +
        "ðnooooo÷øuuuuyþyAaAaAaCcCcCcCcDdĐđEeEeEeEeEeGgGg" +
        "GgGgHhĦħIiIiIiIiIıĲĳJjKkĸLlLlLlĿŀŁłNnNnNnŉŊŋOoOo" +
        "OoŒœRrRrRrSsSsSsSsTtTtŦŧUuUuUuUuUuUuWwYyYZzZzZzſ" +
        "ƀƁƂƃƄƅƆƇƈƉƊƋƌƍƎƏƐƑƒƓƔƕƖƗƘƙƚƛƜƝƞƟOoƢƣƤƥƦƧƨƩƪƫƬƭƮU" +
        "uƱƲƳƴƵƶƷƸƹƺƻƼƽƾƿǀǁǂǃǄǅǆǇǈǉǊǋǌAaIiOoUuUuUuUuUuǝAa" +
        "AaÆæǤǥGgKkOoOoƷʒjǱǲǳGgǶǷNnAaÆæØøAaAaEeEeIiIiOoOo" +
        "RrRrUuUuSsTtȜȝHhȠȡȢȣȤȥAaEeOoOoOoOoYyȴȵȶȷȸȹȺȻȼȽȾȿ" +
        "ɀɁɂɃɄɅɆɇɈɉɊɋɌɍɎɏ";

    private const int Start1 = 0x0370;
    private const string Range1 =
        "ͰͱͲͳʹ͵Ͷͷ\u0378\u0379ͺͻͼͽ;Ϳ\u0380\u0381\u0382\u0383΄¨Α·ΕΗΙ\u038bΟ\u038dΥΩιΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟ" +
        "ΠΡ\u03a2ΣΤΥΦΧΨΩΙΥαεηιυαβγδεζηθικλμνξοπρςστυφχψωιυουωϏ" +
        "ϐϑϒϒϒϕϖϗϘϙϚϛϜϝϞϟϠϡϢϣϤϥϦϧϨϩϪϫϬϭϮϯϰϱϲϳϴϵ϶ϷϸϹϺϻϼϽϾϿ" +
        "ЕЕЂГЄЅІІЈЉЊЋКИУЏАБВГДЕЖЗИИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" +
        "абвгдежзииклмнопрстуфхцчшщъыьэюяееђгєѕііјљњћкиуџ" +
        "ѠѡѢѣѤѥѦѧѨѩѪѫѬѭѮѯѰѱѲѳѴѵѴѵѸѹѺѻѼѽѾѿҀҁ҂\u0483\u0484\u0485\u0486\u0487\u0488\u0489ҊҋҌҍҎҏ" +
        "ҐґҒғҔҕҖҗҘҙҚқҜҝҞҟҠҡҢңҤҥҦҧҨҩҪҫҬҭҮүҰұҲҳҴҵҶҷҸҹҺһҼҽҾҿ" +
        "ӀЖжӃӄӅӆӇӈӉӊӋӌӍӎӏАаАаӔӕЕеӘәӘәЖжЗзӠӡИиИиОоӨөӨөЭэУу" +
        "УуУуЧчӶӷЫыӺӻӼӽӾӿ";

    private const int Start2 = 0x1E00;
    private const string Range2 =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIi" +
        "KkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRr" +
        "SsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYy" +
        "ZzZzZzhtwyẚſẜẝẞẟAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe" +
        "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUu" +
        "UuYyYyYyYyỺỻỼỽỾỿααααααααΑΑΑΑΑΑΑΑεεεεεε\u1f16\u1f17ΕΕΕΕΕΕ\u1f1e\u1f1f" +
        "ηηηηηηηηΗΗΗΗΗΗΗΗιιιιιιιιΙΙΙΙΙΙΙΙοοοοοο\u1f46\u1f47ΟΟΟΟΟΟ\u1f4e\u1f4f" +
        "υυυυυυυυ\u1f58Υ\u1f5aΥ\u1f5cΥ\u1f5eΥωωωωωωωωΩΩΩΩΩΩΩΩααεεηηιιοουυωω\u1f7e\u1f7f" +
        "ααααααααΑΑΑΑΑΑΑΑηηηηηηηηΗΗΗΗΗΗΗΗωωωωωωωωΩΩΩΩΩΩΩΩ" +
        "ααααα\u1fb5ααΑΑΑΑΑ᾽ι᾿῀¨ηηη\u1fc5ηηΕΕΗΗΗ᾿᾿᾿ιιιι\u1fd4\u1fd5ιιΙΙΙΙ\u1fdc῾῾῾" +
        "υυυυρρυυΥΥΥΥΡ¨¨`\u1ff0\u1ff1ωωω\u1ff5ωωΟΟΩΩΩ´῾\u1fff";

    /// <summary>The letter without its accents, or the character itself.</summary>
    public static char StripAccent(char c) => c switch
    {
        >= (char)Start0 and < (char)(Start0 + 400) => Range0[c - Start0],
        >= (char)Start1 and < (char)(Start1 + 400) => Range1[c - Start1],
        >= (char)Start2 and < (char)(Start2 + 512) => Range2[c - Start2],
        _ => c,
    };
}
