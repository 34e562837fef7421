"""Build the hand-written gold for the fresh articles in this folder from (snippet, speaker, kind) rows.

Each row names a quote by its exact words; the offsets are computed here and checked
(`text == article[start:end]`), so the .quotes.jsonl files never drift from the texts.
Fresh, out-of-sample check: each article and its gold were written and committed before the
extractor was first run on it; fixes made afterwards must be general rules, never names or strings
from these texts.

    python evals/data/fresh/build_gold.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# article -> [(quoted words, occurrence, speaker, aliases, kind, optional)]
KESSLER = ["Kessler", "Stefan Kessler"]
ASHWORTH = ["Ashworth", "Carolyn Ashworth"]
GOLD: dict[str, list[tuple]] = {
    # round 1
    "en_reuters_rovers_comeback.txt": [
        ("We never stopped believing,", 0, "Stefan Kessler", KESSLER, "headline", False),
        ("character", 0, "Stefan Kessler", KESSLER, "partial", False),
        ("We never stopped believing. At half-time I told them the game was still there if we kept our "
         "shape and moved the ball quicker,", 0, "Stefan Kessler", KESSLER, "direct", False),
        ("second best", 0, "Stefan Kessler", KESSLER, "partial", False),
        ("Honestly, City were better than us for an hour. But football is ninety minutes plus whatever the "
         "referee gives you, and today he gave us enough.", 0, "Stefan Kessler", KESSLER, "direct", False),
        ("I have been patient. When the coach called my name I just wanted to run at them,", 0,
         "Ibrahim Sesay", ["Sesay"], "direct", False),
        ("It's not about me. The lads dug in and we got what we deserved in the end,", 0, "Joel Whitmore",
         ["Whitmore"], "direct", False),
        ("People pay for their tickets. They can say what they like.", 0, "Joel Whitmore", ["Whitmore"],
         "direct", False),
        ("We switched off twice and we were punished twice. That is the story of our season,", 0,
         "Maria Lindqvist", ["Lindqvist"], "direct", False),
        ("tired", 0, "Maria Lindqvist", ["Lindqvist"], "partial", False),
        ("I trusted the players on the pitch. Maybe that was wrong.", 0, "Maria Lindqvist", ["Lindqvist"],
         "direct", False),
        ("very quiet", 0, "Nathan Doyle", ["Doyle"], "partial", False),
        ("We had it in our hands and we let it go. It hurts,", 0, "Nathan Doyle", ["Doyle"], "direct", False),
        ("must-win", 0, None, [], "partial", True),
        ("Ten months is a long time. Today I felt like a footballer again.", 0, "Luka Petrović",
         ["Petrović", "Petrovic"], "direct", False),
        ("Luka was outstanding. You would never know he had been out for so long,", 0, "Stefan Kessler",
         KESSLER, "direct", False),
    ],
    "fr_afp_proces_placements.txt": [
        ("Je n'ai volé personne", 0, "Bruno Castaing", ["Castaing", "M. Castaing"], "headline", False),
        ("Je n'ai volé personne. J'ai fait de mauvais placements, comme des milliers de professionnels en 2008",
         0, "Bruno Castaing", ["Castaing", "M. Castaing"], "direct", False),
        ("produits garantis", 0, None, [], "partial", True),
        ("Ces gens lui ont confié les économies d'une vie. Certains ont dû vendre leur maison", 0,
         "Anne-Sophie Meunier", ["Meunier", "Mme Meunier"], "direct", False),
        ("pyramide pure et simple", 0, "Anne-Sophie Meunier", ["Meunier", "Mme Meunier"], "partial", False),
        ("monté à charge", 0, "Laurent Bessière", ["Bessière", "Me Laurent Bessière", "Me Bessière"],
         "partial", False),
        ("dépassé", 0, "Laurent Bessière", ["Bessière", "Me Laurent Bessière", "Me Bessière"], "partial", False),
        ("Mon client n'a jamais caché ses pertes. Il a simplement cru pouvoir les rattraper", 0,
         "Laurent Bessière", ["Bessière", "Me Laurent Bessière", "Me Bessière"], "direct", False),
        ("Il venait déjeuner à la maison. Il connaissait mes petits-enfants par leur prénom.", 0,
         "Monique Arnal", ["Arnal"], "direct", False),
        ("Aujourd'hui, je ne peux plus payer la maison de retraite de mon mari", 0, "Monique Arnal", ["Arnal"],
         "direct", False),
        ("Vous pouvez nous expliquer d'où venait cet argent ?", 0, "Jean-Marc Olivier", ["Olivier"],
         "direct", False),
        ("D'un héritage, en partie. Et de mes commissions.", 0, "Bruno Castaing", ["Castaing", "M. Castaing"],
         "direct", False),
        ("Vos commissions sur des produits qui n'existaient pas ?", 0, "Jean-Marc Olivier", ["Olivier"],
         "direct", False),
        ("Je ne l'ai pas vu comme ça à l'époque.", 0, "Bruno Castaing", ["Castaing", "M. Castaing"],
         "direct", False),
        ("Le prévenu a vécu pendant dix ans avec l'argent des autres", 0, "Anne-Sophie Meunier",
         ["Meunier", "Mme Meunier"], "direct", False),
        ("le fantasme du financier cynique", 0, "Laurent Bessière", ["Bessière", "Me Bessière"], "partial", False),
        ("Bruno Castaing n'est pas Jordan Belfort. C'est un homme qui s'est trompé et qui a eu honte de le dire",
         0, "Laurent Bessière", ["Bessière", "Me Bessière"], "direct", False),
        ("Je vous demande pardon. Je sais que ça ne rend pas l'argent.", 0, "Bruno Castaing",
         ["Castaing", "M. Castaing"], "direct", False),
        ("à la hauteur du préjudice", 0, "Aide aux victimes de la finance", ["AVF"], "partial", False),
    ],
    "en_ap_brightwell_forecast.txt": [
        ("difficult year", 0, "Carolyn Ashworth", ASHWORTH, "headline", False),
        ("trading down", 0, "Carolyn Ashworth", ASHWORTH, "partial", False),
        ("We are not going to pretend this is a blip,", 0, "Carolyn Ashworth", ASHWORTH, "direct", False),
        ("Shoppers are stretched, and they are making choices we have to respect.", 0, "Carolyn Ashworth",
         ASHWORTH, "direct", False),
        ("painful but necessary", 0, "Carolyn Ashworth", ASHWORTH, "partial", False),
        ("These actions position Brightwell to return to growth while continuing to invest in the brands our "
         "customers love,", 0, "Brightwell Foods", ["Brightwell"], "direct", False),
        ("the limit of what the market will bear.", 0, "Raymond Okoye", ["Okoye"], "partial", False),
        ("Closing plants is the easy part. What they still have not explained is how they win back the shoppers "
         "who left,", 0, "Priya Raman", ["Raman"], "direct", False),
        ("hold", 0, None, [], "partial", True),
        ("Our members found out about this from the news. That is not how you treat people who have given this "
         "company twenty years,", 0, "Dale Hutchins", ["Hutchins"], "direct", False),
        ("I'm not going to stand here and make promises I can't keep. We will look at every part of the "
         "business.", 0, "Carolyn Ashworth", ASHWORTH, "direct", False),
        ("What I can promise is that we will be honest with our people and with our shareholders about where "
         "we are,", 0, "Carolyn Ashworth", ASHWORTH, "direct", False),
        ("This is a company that lost touch with its customers,", 0, "Tom Becker", ["Becker"], "direct", False),
        ("no quick fix", 0, "Tom Becker", ["Becker"], "partial", False),
    ],
    "fr_liberation_assurance_chomage.txt": [
        ("Nous ne changerons pas de cap. Cette réforme est juste, elle est attendue et elle sera appliquée", 0,
         "Élise Fournier", ["Fournier", "Mme Fournier"], "direct", False),
        ("protégés", 0, "Élise Fournier", ["Fournier"], "partial", False),
        ("Ces projections ne tiennent pas compte des créations d'emplois que nous attendons.", 0,
         "Élise Fournier", ["Fournier"], "direct", False),
        ("une réforme punitive, écrite par des gens qui n'ont jamais connu le chômage", 0, "Hugo Lambert",
         ["Lambert"], "partial", False),
        ("Nous irons jusqu'au vote. Chaque député devra dire devant ses électeurs s'il soutient ce texte", 0,
         "Hugo Lambert", ["Lambert"], "direct", False),
        ("Le gouvernement a choisi l'affrontement. Il l'aura", 0, "Nathalie Perrin", ["Perrin"], "direct", False),
        ("n'a ouvert aucune vraie négociation", 0, "Nathalie Perrin", ["Perrin"], "partial", False),
        ("Nous avons reçu chaque organisation à trois reprises", 0, "ministère du Travail",
         ["le ministère du Travail", "l'entourage de la ministre"], "direct", False),
        ("peser sur les plus précaires l'essentiel de l'effort", 0, "CFDT", ["La CFDT"], "partial", False),
        ("Élise Fournier a tout mon soutien. Elle a fait preuve d'un grand courage", 0, "Gérard Vannier",
         ["Vannier"], "direct", False),
        ("Vous êtes en train d'en écrire la suite.", 0, "Hugo Lambert", ["Lambert"], "direct", False),
        ("cadeaux aux entreprises", 0, None, [], "partial", True),
        ("Il n'y a aucun cadeau. Il y a une règle simple : le travail doit toujours payer plus que l'inactivité",
         0, "Élise Fournier", ["Fournier"], "direct", False),
        ("On surestime beaucoup l'effet incitatif. Les chômeurs ne sont pas au chômage par confort", 0,
         "Claire Dumont", ["Dumont"], "direct", False),
        ("Ce ne sera pas une journée sans lendemain.", 0, "Nathalie Perrin", ["Perrin"], "direct", False),
    ],
    # round 2
    "fr_ouestfrance_bassines.txt": [
        ("revenir", 0, "Julien Méral", ["Méral", "Bassines non merci", "collectif Bassines non merci"], "headline",
         False),
        ("La décision a été prise après une concertation longue et sérieuse. Je l'assume pleinement", 0,
         "Philippe Garreau", ["Garreau"], "direct", False),
        ("sécuriser l'irrigation", 0, "Philippe Garreau", ["Garreau"], "partial", False),
        ("une privatisation de l'eau au profit de quelques gros céréaliers", 0, "Julien Méral", ["Méral"],
         "partial", False),
        ("Nous reviendrons. Pacifiquement, mais nous reviendrons", 0, "Julien Méral", ["Méral"], "direct", False),
        ("ne peuvent plus attendre", 0, "Thierry Bouchet", ["Bouchet"], "partial", False),
        ("Sans eau en juillet, on ne fait pas de maïs, on ne fait pas de semences, on ne fait rien", 0,
         "Thierry Bouchet", ["Bouchet"], "direct", False),
        ("Les gens oublient que derrière chaque bassine, il y a des familles.", 0, "Thierry Bouchet", ["Bouchet"],
         "direct", False),
        ("Cette année-là, j'ai failli tout arrêter. Mon père m'a dit de tenir, alors j'ai tenu", 0,
         "Olivier Renaud", ["Renaud"], "direct", False),
        ("globalement positif", 0, "Bureau de recherches géologiques et minières", ["BRGM"], "partial", False),
        ("trop optimiste", 0, "Claire Vautrin", ["Vautrin"], "partial", False),
        ("On a calculé avec des hivers pluvieux qui n'existent plus. Le climat a changé plus vite que les "
         "modèles.", 0, "Claire Vautrin", ["Vautrin"], "direct", False),
        ("entre le marteau et l'enclume", 0, "Sandrine Joly", ["Joly"], "partial", False),
        ("Je comprends les agriculteurs, je comprends les opposants. Ce que je ne veux pas, c'est revoir des "
         "gendarmes et des grenades sur ma commune.", 0, "Sandrine Joly", ["Joly"], "direct", False),
        ("Ici, tout le monde se connaît. Les enfants des uns vont à l'école avec les enfants des autres", 0,
         "Sandrine Joly", ["Joly"], "direct", False),
        ("Chaque chose en son temps.", 0, "Philippe Garreau", ["Garreau"], "direct", False),
    ],
    "en_guardian_drug_trial.txt": [
        ("modest", 0, None, [], "headline", True),
        ("This is the first time we have seen an effect of this size in a trial of this quality,", 0,
         "Helen Archer", ["Archer", "Dr Helen Archer"], "direct", False),
        ("It is not a cure. But for families, a few extra months of independence matter enormously.", 0,
         "Helen Archer", ["Archer", "Dr Helen Archer"], "direct", False),
        ("a turning point for the field", 0, "Markus Feld", ["Feld"], "partial", False),
        ("modest at best", 0, "David Okonjo", ["Okonjo", "Prof David Okonjo"], "partial", False),
        ("Patients and their families should understand what a 27% slower decline means in practice. It means "
         "someone who would have lost a certain amount of function in a year loses it in about fifteen months,",
         0, "David Okonjo", ["Okonjo"], "direct", False),
        ("That is meaningful, but it is not the miracle some headlines will suggest.", 0, "David Okonjo",
         ["Okonjo"], "direct", False),
        ("We need to know much more about who is at risk before this is given to large numbers of people,", 0,
         "David Okonjo", ["Okonjo"], "direct", False),
        ("For the right patient, with careful monitoring, yes. For everyone, no.", 0, "Helen Archer",
         ["Archer"], "direct", False),
        ("a hard-won step forward", 0, "Alzheimer's Research UK", ["Alzheimer’s Research UK"], "partial", False),
        ("If this drug is approved, the health service simply does not have the scanners or the specialists to "
         "deliver it at scale,", 0, "Sarah Whitlock", ["Whitlock"], "direct", False),
        ("flatter", 0, "James Carver", ["Carver"], "partial", False),
        ("honestly and repeatedly", 0, "James Carver", ["Carver"], "partial", False),
        ("He still knows our grandchildren's names. He still does the crossword, badly,", 0, "Margaret Doyle",
         ["Doyle"], "direct", False),
        ("I don't care what they call it. To me, that is everything.", 0, "Margaret Doyle", ["Doyle"],
         "direct", False),
        ("deeply grateful", 0, "Arvena Therapeutics", ["Arvena"], "partial", False),
    ],
}


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    from evals.gold import write_gold

    write_gold(HERE, GOLD)
