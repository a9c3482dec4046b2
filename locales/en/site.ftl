### Translation of locales/fr/site.ftl (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

-org-name = PARTAGE

## Navigation principale

nav-home = Reception

nav-news = Actualities

nav-partners = Our partners

nav-support = Sustain us

nav-contact = Contact

# Texte lu par les lecteurs d’écran pour le lien vers la page d’accueil.
nav-home-label = Reception of the website of { -org-name }

## Liste des actualités et articles

page-news-title = The actualities of { -org-name }

read-more = Read the continuation

# Lien « Lire la suite » pour les lecteurs d’écran ; $title est le titre de l’article.
read-more-label = Read the continuation of the article « { $title } »

# $author : nom de la personne ou de l’équipe qui signe l’article.
# $date : date de publication, mise en forme selon la langue.
post-byline = Published the { DATETIME($date, dateStyle: "long") } by { $author }

posts-count =
    { $count ->
        [one] { $count } Actuality
       *[other] { $count } Actualities
    }

post-tags = Words-Keys :

post-back = Return to the actualities

no-posts = Any actuality for the moment. Go back prompt !

## Lettre d’information

newsletter-title = Receive the news of { -org-name }

newsletter-email =
    .placeholder = Your electronic direction
    .aria-label = Electronic direction to receive the card of information

newsletter-submit = I inscribe me !

newsletter-success = Thank you ! Verify yours box of reception to confirm the registration.

# Aide affichée aux rédacteurs : le texte entre accolades est remplacé automatiquement.
newsletter-template-help = Use {"{"}name{"}"} for personnaliser the beginning of the message.

## Pied de page

footer-about =
    { -org-name } It is a coverage of international solidarity
    that accompanies associations committed partners
    for the rights of the boy, in France and in the world.

footer-contact = A question ? Write us !

footer-legal = Legal quotations

footer-copyright = © { -org-name }. All the rights reserved.
