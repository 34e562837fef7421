"""Build the hand-written gold for the articles in this folder from (snippet, speaker, kind) rows.

Each row names a quote by its exact words; the offsets are computed here and checked
(`text == article[start:end]`), so the .quotes.jsonl files never drift from the texts.
The gold was written before the extractor was run on these articles.

    python evals/data/extra/build_gold.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# article -> [(quoted words, occurrence, speaker, aliases, kind, optional)]
GOLD: dict[str, list[tuple]] = {
    "fr_afp_retraites.txt": [
        ("Je n'ai jamais envisagé de reculer", 0, "Marc Delorme", ["Delorme", "M. Delorme"], "headline", False),
        ("Je n'ai jamais envisagé de reculer et je n'envisage pas de le faire", 0, "Marc Delorme",
         ["Delorme", "M. Delorme"], "direct", False),
        ("Le texte sera voté, parce qu'il est nécessaire", 0, "Marc Delorme", ["Delorme"], "direct", False),
        ("déjà beaucoup bougé", 0, "Marc Delorme", ["Delorme"], "partial", False),
        ("Nous avons entendu les inquiétudes. Mais nous ne laisserons pas le pays sans solution pour "
         "financer nos retraites", 0, "Claire Vasseur", ["Vasseur", "Mme Vasseur"], "direct", False),
        ("Quand on me dit “vous n'avez pas écouté”, je réponds que nous avons reçu tous les syndicats, "
         "un par un", 0, "Claire Vasseur", ["Vasseur", "Mme Vasseur"], "direct", False),
        ("vous n'avez pas écouté", 0, None, [], "partial", True),
        ("un passage en force", 0, "Thierry Lenoir", ["Lenoir"], "partial", False),
        ("Le gouvernement joue avec le feu. Il ne mesure pas la colère qui monte dans les entreprises", 0,
         "Thierry Lenoir", ["Lenoir"], "direct", False),
        ("la mobilisation ne faiblira pas tant que le projet n'aura pas été retiré", 0, "intersyndicale",
         ["l'intersyndicale"], "partial", False),
        ("On nous parle de responsabilité, mais qui paiera ? Ce sont les ouvriers, les caissières, "
         "les aides-soignantes", 0, "Sophie Garnier", ["Garnier"], "direct", False),
        ("Les Français ont compris que cette réforme est injuste. Ils nous le disent tous les jours dans "
         "les manifestations.", 0, "Sophie Garnier", ["Garnier"], "direct", False),
        ("Nous irons jusqu'au bout", 0, "Sophie Garnier", ["Garnier"], "direct", False),
        ("l'obstruction", 0, "Julien Marchal", ["Marchal"], "partial", False),
        ("Ce n'est pas du débat, c'est du blocage", 0, "Julien Marchal", ["Marchal"], "direct", False),
        ("pénalise d'abord ceux qui ont commencé à travailler tôt", 0, "Anne Lefebvre", ["Lefebvre"],
         "partial", False),
        ("fermeté", 0, "Bernard Augier", ["Augier"], "partial", True),
        ("Revenir en arrière maintenant serait un très mauvais signal pour les investisseurs.", 0,
         "Bernard Augier", ["Augier"], "direct", False),
        ("Absolument pas", 0, "Marc Delorme", ["Delorme", "M. Delorme"], "direct", False),
    ],
    "fr_lemonde_entretien_urgences.txt": [
        ("L'hôpital public tient grâce à l'épuisement de ses soignants", 0, "Nadia Benali", ["Benali"],
         "headline", True),
        ("Plusieurs services ont fermé la nuit cet été. Est-ce une surprise ?", 0, None, [], "direct", True),
        ("Pas du tout. Cela fait des années que nous alertons. Quand un service tourne avec la moitié de "
         "ses médecins, il finit par fermer, c'est mécanique.", 0, "Nadia Benali", ["Benali"], "direct", False),
        ("Le ministre de la Santé promet 1,5 milliard d'euros supplémentaires. Cela suffira-t-il ?", 0, None,
         [], "direct", True),
        ("L'argent ne suffit pas si personne ne veut plus venir travailler chez nous. Le problème, c'est "
         "l'attractivité", 0, "Nadia Benali", ["Benali"], "direct", False),
        ("Un infirmier gagne moins à l'hôpital qu'en intérim.", 0, "Nadia Benali", ["Benali"], "direct", False),
        ("Comment tenez-vous ?", 0, None, [], "direct", True),
        ("Par solidarité entre collègues, essentiellement. Mais je vois des jeunes internes pleurer dans "
         "les vestiaires. Ce n'est pas normal.", 0, "Nadia Benali", ["Benali"], "direct", False),
        ("des recrutements sont en cours dans tous les établissements concernés", 0, "ministère de la Santé",
         ["Le ministère de la Santé"], "partial", False),
        ("le plan de l'été a permis d'éviter les fermetures totales", 0, "ministère de la Santé",
         ["Le ministère de la Santé", "porte-parole", "une porte-parole"], "partial", False),
        ("Nous sommes sur un fil. Un nouvel hiver comme le précédent, et le système craquera.", 0,
         "Arnaud Chevalier", ["Chevalier"], "direct", False),
        ("Je ne demande pas des applaudissements, je demande des lits", 0, "Nadia Benali", ["Benali"],
         "direct", False),
    ],
    "fr_ouestfrance_nantes_conference.txt": [
        ("La pression, c'est un privilège", 0, "Luis Navarro", ["Navarro"], "headline", False),
        ("On a fait un mauvais match, tout le monde le sait. Mais demain, c'est une autre compétition", 0,
         "Luis Navarro", ["Navarro"], "direct", False),
        ("Ribeiro s'est entraîné normalement ce matin. Il sera là.", 0, "Luis Navarro", ["Navarro"],
         "direct", False),
        ("Je me sens bien. J'ai juste eu une petite alerte à la cuisse, rien de grave.", 0, "Thomas Ribeiro",
         ["Ribeiro"], "direct", False),
        ("We know City very well, we know how they want to play,", 0, "James Whitaker", ["Whitaker"],
         "direct", False),
        ("The key is to stay compact and not give them space between the lines.", 0, "James Whitaker",
         ["Whitaker"], "direct", False),
        ("La pression, c'est un privilège. Si tu n'en veux pas, tu restes à la maison.", 0, "Luis Navarro",
         ["Navarro"], "direct", False),
        ("Il faut qu'on retrouve de l'agressivité", 0, "Thomas Ribeiro", ["Ribeiro"], "direct", False),
        ("Et de l'humilité. Surtout de l'humilité.", 0, "Luis Navarro", ["Navarro"], "direct", False),
        ("Je ne parle pas de mon contrat", 0, "Luis Navarro", ["Navarro"], "direct", False),
        ("pousser comme jamais", 0, "Franck Morel", ["Morel"], "partial", False),
    ],
    "en_reuters_halvorsen_audit.txt": [
        ("no shortcuts", 0, "Halvorsen Aerostructures", ["Halvorsen"], "headline", False),
        ("taken every finding seriously", 0, "Halvorsen Aerostructures", ["Halvorsen"], "partial", False),
        ("We have already corrected the majority of the issues identified and we will not resume full "
         "production until the rest are closed,", 0, "Halvorsen Aerostructures", ["Halvorsen"], "direct", False),
        ("There will be no shortcuts. Not now, not ever,", 0, "Dana Whitfield", ["Whitfield"], "direct", False),
        ("continue to hold Halvorsen accountable.", 0, "Laura Chen", ["Chen"], "partial", False),
        ("dozens", 0, "Federal Aviation Administration", ["FAA"], "partial", True),
        ("The problems were systemic, not isolated,", 0, "Mark Delaney", ["Delaney"], "direct", False),
        ("Our members raised these concerns for two years and nobody listened.", 0, "Mark Delaney",
         ["Delaney"], "direct", False),
        ("could weigh on deliveries well into 2025.", 0, "Jefferies", [], "partial", False),
        ("Everybody feared a production halt. A slowdown is bad, but it is not a catastrophe,", 0,
         "Ken Morrow", ["Morrow"], "direct", False),
        ("That is a conversation we will have privately.", 0, "Dana Whitfield", ["Whitfield"], "direct", False),
        ("I don’t want to speculate about that incident,", 0, "Dana Whitfield", ["Whitfield"], "direct", False),
        ("What I can tell you is that every panel now leaves our floor with a signed inspection record.", 0,
         "Dana Whitfield", ["Whitfield"], "direct", False),
    ],
    "en_ap_hurricane_briefing.txt": [
        ("This is going to be a marathon, not a sprint,", 0, "Ellen Marsh", ["Marsh"], "direct", False),
        ("I know people are tired and frustrated. I am asking them for a little more patience.", 0,
         "Ellen Marsh", ["Marsh"], "direct", False),
        ("We have never staged this many crews before a storm, ever,", 0, "Kevin Ortiz", ["Ortiz"], "direct", False),
        ("But the water has to go down before we can put a truck in there.", 0, "Kevin Ortiz", ["Ortiz"],
         "direct", False),
        ("Absolutely not.", 0, "Ellen Marsh", ["Marsh"], "direct", False),
        ("He looked at my guy and said, ‘I was wondering when y’all would show up,’ and then he asked for "
         "his dog,", 0, "Kevin Ortiz", ["Ortiz"], "direct", False),
        ("I was wondering when y’all would show up,", 0, None, [], "partial", True),
        ("The dog was fine, by the way.", 0, "Kevin Ortiz", ["Ortiz"], "direct", False),
        ("may require a complete rebuild of the local grid.", 0, "Florida Power & Light",
         ["Florida Power and Light", "FPL"], "partial", False),
        ("We’ve been sitting in the dark for four days with no word from anybody,", 0, "Tammy Greer",
         ["Greer"], "direct", False),
        ("The county says wait. The utility says wait. I’ve got a freezer full of shrimp that’s going in "
         "the trash.", 0, "Tammy Greer", ["Greer"], "direct", False),
        ("Somebody needs to come down here and see this.", 0, "Tammy Greer", ["Greer"], "direct", False),
        ("generational", 0, "Federal Emergency Management Agency", ["FEMA"], "partial", True),
        ("missing in action", 0, "Democrats", [], "partial", True),
        ("I was in the emergency operations center the entire night. People can check,", 0, "Ellen Marsh",
         ["Marsh"], "direct", False),
    ],
    "en_bbc_okafor_interview.txt": [
        ("I wrote the book I needed at 15", 0, "Maya Okafor", ["Okafor"], "headline", False),
        ("never expected", 0, "Maya Okafor", ["Okafor"], "partial", False),
        ("I wrote the book I needed at 15. I didn't think anyone else would read it, let alone study it "
         "for an exam,", 0, "Maya Okafor", ["Okafor"], "direct", False),
        ("turning her into a symbol", 0, "Maya Okafor", ["Okafor"], "partial", False),
        ("She was funny and impatient and she hated hospitals. I wanted people to meet her, not a tragedy,",
         0, "Maya Okafor", ["Okafor"], "direct", False),
        ("Enormous pressure. I've deleted it twice.", 0, "Maya Okafor", ["Okafor"], "direct", False),
        ("It speaks to the experiences of many young people in a way few set texts do,", 0, "AQA", [],
         "direct", False),
        ("chasing trends instead of teaching the canon", 0, "Peter Halloran", ["Halloran"], "partial", False),
        ("I think he's entitled to his opinion,", 0, "Maya Okafor", ["Okafor"], "direct", False),
        ("But the canon was also new once.", 0, "Maya Okafor", ["Okafor"], "direct", False),
        ("immensely proud", 0, "Penguin Random House", [], "partial", False),
        ("My daughter has never finished a book before this one,", 0, None, [], "direct", False),
    ],
    "fr_lemonde_proces_incendie.txt": [
        ("Je pense à eux chaque nuit", 0, "Hélène Marchetti", ["Marchetti"], "headline", False),
        ("Je pense à eux chaque nuit. Je ne savais pas que l'installation électrique était aussi dangereuse", 0,
         "Hélène Marchetti", ["Marchetti"], "direct", False),
        ("Ma cliente a fait confiance à des artisans qui l'ont trompée", 0, "Olivier Santini",
         ["Santini", "Me Olivier Santini", "Me Santini"], "direct", False),
        ("instruction à charge", 0, "Olivier Santini", ["Santini", "Me Olivier Santini"], "partial", False),
        ("Elle encaissait les loyers et refusait chaque demande de travaux", 0, "Karima Haddad", ["Haddad"],
         "direct", False),
        ("On lui a écrit dix fois.", 0, "Karima Haddad", ["Haddad"], "direct", False),
        ("ne répondait à aucune norme depuis au moins vingt ans", 0, None, [], "partial", True),
        ("Le profit ne peut pas passer avant la vie des locataires", 0, "Damien Roux", ["Roux"], "direct", False),
        ("tardé", 0, "Yannick Ferrand", ["Ferrand"], "partial", False),
        ("Nous avions signalé l'immeuble en 2019. Il aurait fallu aller plus vite, c'est vrai.", 0,
         "Yannick Ferrand", ["Ferrand"], "direct", False),
    ],
    "en_guardian_heat_policy.txt": [
        ("sleepwalking", 0, None, [], "headline", True),
        ("sleepwalking", 1, None, [], "partial", True),
        ("still not prepared", 0, "Climate Change Committee", [], "partial", False),
        ("deeply worrying", 0, "Rachel Hale", ["Hale", "Prof Rachel Hale"], "partial", False),
        ("We have known for a decade what needs to be done. The gap between what the government says and what "
         "it delivers has not closed,", 0, "Rachel Hale", ["Hale", "Prof Rachel Hale"], "direct", False),
        ("We are investing record sums in flood defences and have published a comprehensive adaptation plan.", 0,
         "Department for Environment", ["A Department for Environment spokesperson"], "direct", False),
        ("a damning verdict", 0, "Tom Ashby", ["Ashby"], "partial", False),
        ("People will pay for this inaction with their health, and in some cases their lives,", 0, "Tom Ashby",
         ["Ashby"], "direct", False),
        ("no plan worth the name", 0, "Priya Nair", ["Nair"], "partial", False),
        ("We had patients in corridors for hours in 35C. It was not safe.", 0, None, [], "direct", False),
        ("I'm not interested in blame,", 0, "Rachel Hale", ["Hale"], "direct", False),
        ("I'm interested in what happens before next summer.", 0, "Rachel Hale", ["Hale"], "direct", False),
    ],
}


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    from evals.gold import write_gold

    write_gold(HERE, GOLD)
