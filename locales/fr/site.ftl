### Chaînes d’interface du site de PARTAGE, en français (langue source).
### Typographie : conserver les espaces insécables avant « : », « ; », « ! » et « ? »,
### ainsi qu’à l’intérieur des guillemets français.

-org-name = PARTAGE

## Navigation principale

nav-home = Accueil
nav-news = Actualités
nav-partners = Nos partenaires
nav-support = Nous soutenir
nav-contact = Contact
# Texte lu par les lecteurs d’écran pour le lien vers la page d’accueil.
nav-home-label = Accueil du site de { -org-name }

## Liste des actualités et articles

page-news-title = Les actualités de { -org-name }
read-more = Lire la suite
# Lien « Lire la suite » pour les lecteurs d’écran ; $title est le titre de l’article.
read-more-label = Lire la suite de l’article « { $title } »
# $author : nom de la personne ou de l’équipe qui signe l’article.
# $date : date de publication, mise en forme selon la langue.
post-byline = Publié le { DATETIME($date, dateStyle: "long") } par { $author }
posts-count =
    { $count ->
        [one] { $count } actualité
       *[other] { $count } actualités
    }
post-tags = Mots-clés :
post-back = Retour aux actualités
no-posts = Aucune actualité pour le moment. Revenez bientôt !

## Lettre d’information

newsletter-title = Recevez les nouvelles de { -org-name }
newsletter-email =
    .placeholder = Votre adresse électronique
    .aria-label = Adresse électronique pour recevoir la lettre d’information
newsletter-submit = Je m’inscris !
newsletter-success = Merci ! Vérifiez votre boîte de réception pour confirmer l’inscription.
# Aide affichée aux rédacteurs : le texte entre accolades est remplacé automatiquement.
newsletter-template-help = Utilisez { "{" }prénom{ "}" } pour personnaliser le début du message.

## Pied de page

footer-about = { -org-name } est un réseau de solidarité internationale
    qui accompagne des associations partenaires engagées
    pour les droits de l’enfant, en France et dans le monde.
footer-contact = Une question ? Écrivez-nous !
footer-legal = Mentions légales
footer-copyright = © { -org-name }. Tous droits réservés.
