### Translation of locales/fr/site.ftl (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

-org-name = PARTAGE

## Navigation principale

nav-home = Recepción

nav-news = Actualidades

nav-partners = Nuestros socios

nav-support = Sostenernos

nav-contact = Contacto

# Texte lu par les lecteurs d’écran pour le lien vers la page d’accueil.
nav-home-label = Recepción del website de { -org-name }

## Liste des actualités et articles

page-news-title = Las actualidades de { -org-name }

read-more = Leer la continuación

# Lien « Lire la suite » pour les lecteurs d’écran ; $title est le titre de l’article.
read-more-label = Leer la continuación del artículo « { $title } »

# $author : nom de la personne ou de l’équipe qui signe l’article.
# $date : date de publication, mise en forme selon la langue.
post-byline = Publicado el { DATETIME($date, dateStyle: "long") } por { $author }

posts-count =
    { $count ->
        [one] { $count } actualidad
       *[other] { $count } actualidades
    }

post-tags = Palabras-Llaves :

post-back = Regreso a las actualidades

no-posts = Ninguna actualidad de momento. Volved pronto !

## Lettre d’information

newsletter-title = Recibid las noticias de { -org-name }

newsletter-email =
    .placeholder = Vuestra dirección electrónica
    .aria-label = Dirección electrónica para recibir la carta de información

newsletter-submit = Me inscribo !

newsletter-success = Gracias ! Verificad vuestra caja de recepción para confirmar la inscripción.

# Aide affichée aux rédacteurs : le texte entre accolades est remplacé automatiquement.
newsletter-template-help = Utilizad {"{"}nombre{"}"} para personnaliser el comienzo del mensaje.

## Pied de page

footer-about =
    { -org-name } es una cobertura de solidaridad internacional
    que acompaña asociaciones socias comprometidas
    para los derechos del niño, en Francia y en el mundo.

footer-contact = Una cuestión ? Escribidnos !

footer-legal = Menciones legales

footer-copyright = © { -org-name }. Todos los derechos reservados.
