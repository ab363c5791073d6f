namespace NlpHost.Tasks.Cluster.Keywords;

/// <summary>English function words and number words, which say nothing about a cluster's topic.</summary>
internal static class StopWords
{
    public static readonly HashSet<string> English = new(
        """
        a about above after again against all also am an and any are aren't as at be because been before being below
        between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
        even ever every few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's
        her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's
        its itself just know let's like make many may me might more most much must mustn't my myself need never new no
        nor not now of off often on once one only or other ought our ours ourselves out over own people really said
        same say says see shan't she she'd she'll she's should shouldn't since so some still such than that that's the
        their theirs them themselves then there there's these they they'd they'll they're they've thing things think
        this those though through to too two under until up upon us use used using very want was wasn't way we we'd
        we'll we're we've well were weren't what what's when when's where where's whether which while who who's whom
        why why's will with without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
        yourselves anyone anything also ago around back come could'nt does'nt done etc going good got just look lot
        maybe put right seems sure take tell time whole years year
        three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand
        thousands million millions billion billions half dozen
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);
}
