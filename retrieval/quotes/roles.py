"""Nouns for a person's role, in French (both genders) and English: offices, occupations, ranks, a
part in a case or a match, a relation to the story ("le préfet", "l'entraîneur", "the sheriff").

Pure data, read through `cues.PERSON_ROLES` (folded). A name such a noun describes is a person's
whatever the recogniser said ("le préfet des Deux-Sèvres, Philippe Garreau"), and the noun with its
article is a description of a person the article names elsewhere ("le préfet a refusé de
s'avancer : « … »"). Nouns whose grammatical gender says nothing of the person's ("la victime",
"la vedette") and those more often a thing than a person ("cadre", "arrière", "head", "chair") are
left out on purpose. The English list is the short one the extractor had before session 21 (plus
"commissioner"): the longer one written then ("nominee", "member", "advocate", "owner" …) cost PolNeAR
train 4 quotes in 1,170 and our English tuning articles 3 in 176, out of fold; the French one gained.
"""

from __future__ import annotations

_FR = """
ministre président présidente vice-président vice-présidente directeur directrice patron patronne pdg
porte-parole maire adjoint adjointe conseiller conseillère député députée eurodéputé eurodéputée élu élue
sénateur sénatrice secrétaire chef cheffe juge magistrat magistrate avocat avocate bâtonnier bâtonnière
procureur procureure substitut greffier greffière notaire huissier huissière policier policière gendarme
commissaire enquêteur enquêtrice inspecteur inspectrice officier colonel commandant commandante
capitaine lieutenant lieutenante sergent adjudant soldat soldate militaire pompier préfet préfète
sous-préfet sous-préfète gouverneur gouverneure ambassadeur ambassadrice diplomate consul consule
chancelier chancelière roi reine prince princesse pape évêque archevêque cardinal prêtre curé pasteur
pasteure rabbin imam recteur rectrice doyen doyenne proviseur proviseure enseignant enseignante
instituteur institutrice professeur professeure chercheur chercheuse scientifique biologiste physicien
physicienne chimiste climatologue sociologue politologue historien historienne philosophe économiste
démographe géographe juriste constitutionnaliste spécialiste expert experte analyste consultant
consultante ingénieur ingénieure architecte urbaniste médecin docteur docteure chirurgien chirurgienne
infirmier infirmière pharmacien pharmacienne vétérinaire psychiatre psychologue pédiatre urgentiste
épidémiologiste virologue infectiologue généraliste dentiste sage-femme aide-soignant aide-soignante
patient patiente étudiant étudiante élève lycéen lycéenne collégien collégienne habitant habitante
riverain riveraine voisin voisine résident résidente agriculteur agricultrice éleveur éleveuse
viticulteur viticultrice vigneron vigneronne pêcheur ouvrier ouvrière salarié salariée employé employée
syndicaliste militant militante manifestant manifestante activiste bénévole responsable dirigeant
dirigeante fondateur fondatrice cofondateur cofondatrice co-fondateur co-fondatrice créateur créatrice
gérant gérante commerçant commerçante artisan artisane entrepreneur entrepreneuse banquier banquière
investisseur investisseuse actionnaire propriétaire locataire usager usagère consommateur consommatrice
électeur électrice candidat candidate rapporteur rapporteure trésorier trésorière délégué déléguée
représentant représentante administrateur administratrice fonctionnaire contrôleur contrôleuse
journaliste reporter correspondant correspondante rédacteur rédactrice éditeur éditrice éditorialiste
chroniqueur chroniqueuse animateur animatrice présentateur présentatrice photographe réalisateur
réalisatrice cinéaste producteur productrice scénariste acteur actrice comédien comédienne humoriste
chanteur chanteuse musicien musicienne compositeur compositrice rappeur rappeuse danseur danseuse
artiste plasticien plasticienne peintre sculpteur sculptrice écrivain écrivaine romancier romancière
auteur autrice poète poétesse dessinateur dessinatrice illustrateur illustratrice styliste cuisinier
cuisinière sportif sportive athlète joueur joueuse footballeur footballeuse rugbyman tennisman
tenniswoman cycliste coureur coureuse nageur nageuse skieur skieuse boxeur boxeuse pilote attaquant
attaquante défenseur milieu gardien gardienne buteur buteuse ailier entraîneur
entraîneuse sélectionneur sélectionneuse arbitre champion championne coéquipier coéquipière
supporter supportrice prévenu prévenue accusé accusée plaignant plaignante témoin suspect suspecte
détenu détenue prisonnier prisonnière otage réfugié réfugiée migrant migrante survivant survivante
rescapé rescapée retraité retraitée chômeur chômeuse septuagénaire octogénaire nonagénaire
quadragénaire quinquagénaire sexagénaire trentenaire quadra quinqua adolescent adolescente
interlocuteur interlocutrice intéressé intéressée lauréat lauréate vainqueur finaliste organisateur
organisatrice coordinateur coordinatrice coordonnateur coordonnatrice chargé chargée attaché attachée
collaborateur collaboratrice assistant assistante stagiaire apprenti apprentie
négociateur négociatrice émissaire envoyé envoyée technicien technicienne premier
"""

_EN = """
year-old minister president director ceo chief spokesman spokeswoman spokesperson senator mayor judge lawyer
attorney prosecutor actor actress singer player defenseman goalie goaltender captain winger center forward
striker manager chairman chairwoman founder professor economist analyst coach governor secretary chancellor
ambassador candidate leader official executive author novelist writer columnist journalist reporter editor
poet historian artist producer lawmaker congressman congresswoman representative defendant plaintiff witness
suspect accused midfielder goalkeeper keeper fullback full-back quarterback pitcher batsman bowler jockey
driver rider cyclist swimmer sprinter boxer skier commissioner
"""

_DESCRIPTIVE = """
patient patiente étudiant étudiante élève lycéen lycéenne collégien collégienne habitant habitante
riverain riveraine voisin voisine résident résidente prévenu prévenue accusé accusée plaignant plaignante
témoin suspect suspecte détenu détenue prisonnier prisonnière otage réfugié réfugiée migrant migrante
survivant survivante rescapé rescapée retraité retraitée chômeur chômeuse septuagénaire octogénaire
nonagénaire quadragénaire quinquagénaire sexagénaire trentenaire quadra quinqua adolescent adolescente
interlocuteur interlocutrice intéressé intéressée lauréat lauréate vainqueur finaliste créateur créatrice
propriétaire locataire consommateur consommatrice électeur électrice manifestant manifestante militant
militante bénévole supporter supportrice coéquipier coéquipière
witness defendant plaintiff
"""

ROLE_NOUNS = frozenset(_FR.split()) | frozenset(_EN.split())
# Of those, the nouns that say what a person is in the story rather than an office they hold (« la
# créatrice », "the resident"): one stands for the person the article is about, where an office
# (« le préfet », "the coach") stands for the one last named in it.
DESCRIPTIVE_NOUNS = frozenset(_DESCRIPTIVE.split())
assert DESCRIPTIVE_NOUNS <= ROLE_NOUNS, DESCRIPTIVE_NOUNS - ROLE_NOUNS
