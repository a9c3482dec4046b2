### Textes des pages de `relais serve` (français).

nav-dashboard = Tableau de bord
nav-submit = Proposer un article
sign-out = Se déconnecter
back-home = Retour à l’accueil
not-found = Cette page n’existe pas.
forbidden-locale = Vous ne relisez pas la langue « { $locale } ».
forbidden-role = Votre jeton ne donne pas accès à cette page.
csrf-refused = Formulaire refusé : rechargez la page et recommencez.
too-large = Ce formulaire est trop gros pour être reçu.
slow-body = Le formulaire est arrivé trop lentement ; vérifiez la connexion et renvoyez-le.
changed-since = Ce message a changé depuis que vous l’avez ouvert (une synchronisation ou une autre personne) : rien n’a été enregistré ni approuvé. Voici le texte actuel ; ce que vous aviez tapé est resté dans l’éditeur.

login-title = Connexion
login-token = Jeton d’accès
login-hint = Le jeton vous a été remis par la personne qui gère le site (relais token add).
login-button = Se connecter
login-unknown = Ce jeton n’est pas reconnu.
login-reader = Ce jeton sert à l’export du site, pas aux pages.

dashboard-title = Traductions à relire
draft = brouillon
finished = terminé
to-review-count = { $n ->
    [0] rien à relire
    [one] { $n } message à relire
   *[other] { $n } messages à relire
}
approved-of = { $n } sur { $total } approuvés

state-missing = manquant
state-machine = traduction automatique
state-edited = modifié
state-approved = approuvé
state-stale = à revoir
state-invalid = invalide

distance = { $percent } % retouché
label-source = Français
label-source-changed = Français modifié
label-machine = Traduction automatique
label-current = Texte actuel
label-current-same = Texte actuel (inchangé)
no-translation = pas encore de traduction
label-suggestion = Nouvelle suggestion
label-unknown = Mots inconnus
label-problems = Problèmes
label-approval = Approbation
last-approval = par { $name } le { $what }

approve = Approuver
approve-all = Approuver tout ce qui est valide…
approve-all-title = Approuver tout ce qui est valide ?
approve-all-counts = { $n ->
    [one] Un message serait approuvé
   *[other] { $n } messages seraient approuvés
}{ $untouched ->
    [0] .
    [one] , dont une traduction automatique que personne n’a modifiée.
   *[other] , dont { $untouched } traductions automatiques que personne n’a modifiées.
}
approve-all-warning = Une traduction automatique approuvée est publiée telle quelle : approuvez-la seulement si vous l’avez lue.
approve-edited = { $n ->
    [one] Approuver le message modifié
   *[other] Approuver les { $n } messages modifiés
}
approve-all-n = { $untouched ->
    [0] { $n ->
        [one] Approuver le message
       *[other] Approuver les { $n } messages
    }
   *[other] { $n ->
        [one] Approuver le message, une traduction automatique non modifiée
       *[other] Approuver les { $n } messages, dont { $untouched } traductions automatiques non modifiées
    }
}
nothing-to-approve = Rien à approuver : aucun message valide n’attend d’approbation.
cancel = Annuler
unapprove = Retirer l’approbation
accept-suggestion = Reprendre la suggestion
edit = Modifier
save = Enregistrer
save-and-approve = Enregistrer et approuver
label-value = Texte
edit-hint-markdown = Markdown, tel qu’il se lit : gardez les liens, le code et la mise en forme du français.
edit-hint-fluent = Syntaxe Fluent : gardez les { "{" } $variables { "}" } et les termes du français.
nothing-to-review = Rien à relire ici.
preview = Aperçu
preview-note = L’article tel qu’il se lit maintenant, relu ou non (le site ne publie que ce qui est approuvé).
show-all = Tous les messages
show-todo = Seulement ce qui est à relire

notice-saved = { $name } enregistré ({ $what }).
notice-unchanged = { $name } : texte inchangé ({ $what }).
no-message = Aucun message choisi.
notice-approved = { $n ->
    [0] Rien n’a été approuvé.
    [one] Approuvé : { $what }.
   *[other] { $n } messages approuvés : { $what }.
}
notice-unapproved = Approbation retirée : { $what }.
notice-accepted = { $n ->
    [0] Aucune suggestion reprise.
   *[other] Suggestion reprise : { $what }.
}
notice-skipped = { $name } non traité : { $what }
notice-conflict = { $name } : ce message a changé depuis l’affichage de la page (une synchronisation ou une autre personne) ; rien n’a été fait. Relisez-le tel qu’il est maintenant.

submit-title = Proposer un article
submit-hint = Collez le Markdown de l’article (front matter avec un titre, puis le texte) ou choisissez le fichier. Le nom du fichier devient l’adresse : lettres minuscules, chiffres et tirets.
submit-name = Nom du fichier
submit-text = Texte de l’article
submit-file = Ou un fichier .md
submit-button = Envoyer
submit-lines = Lignes de l’article
submit-empty = Donnez un nom de fichier et un texte (ou un fichier).
submit-done-title = Article reçu
submit-placed = L’article est placé dans { $name }.
submit-synced = { $n ->
    [0] Rien de nouveau à traduire.
    [one] { $n } traduction automatique faite.
   *[other] { $n } traductions automatiques faites.
}
submit-sync-failed = La traduction automatique n’a pas pu se faire ; l’article est bien placé et sera traduit à la prochaine synchronisation.
submit-another = Proposer un autre article
