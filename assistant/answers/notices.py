"""What the answers say to the user when they do not simply answer, in the question's language."""

NOTICES = {
    "abstain": {
        "fr": "Les sources indexées ne le disent pas : aucun passage ne répond à cette question.",
        "en": "The indexed sources do not say: no passage answers this question.",
    },
    "closest": {
        "fr": "Les sources indexées ne le disent pas clairement ; le passage le plus proche :",
        "en": "The indexed sources do not say it clearly; the closest passage:",
    },
    "model_failed": {
        "fr": "Le modèle de langue n'a pas pu répondre ({error}) ; voici la réponse tirée directement des sources.",
        "en": "The language model could not answer ({error}); here is the answer taken directly from the sources.",
    },
    "unsupported": {
        "fr": "Aucune citation du modèle n'a été retrouvée dans les sources ; voici la réponse tirée directement "
              "des sources.",
        "en": "None of the model's citations was found in the sources; here is the answer taken directly from "
              "the sources.",
    },
    "model_abstained": {
        "fr": "Le modèle de langue n'a pas trouvé de réponse ; voici ce que disent les sources elles-mêmes.",
        "en": "The language model found no answer; showing what the sources themselves say.",
    },
    "quotes_removed": {
        "fr": "Citation(s) retirée(s) de la réponse du modèle, introuvable(s) dans les sources citées : {items}.",
        "en": "Removed from the model's answer, not found in the cited sources: {items}.",
    },
    "citations_dropped": {
        "fr": "{n} citation(s) du modèle écartée(s) : les mots cités ne sont pas dans le passage indiqué.",
        "en": "{n} of the model's citation(s) dropped: the quoted words are not in the passage it named.",
    },
    "waiting": {
        "fr": "en attente du modèle de langue (jusqu'à {seconds:g} s)…",
        "en": "waiting for the model (up to {seconds:g} s)…",
    },
}
