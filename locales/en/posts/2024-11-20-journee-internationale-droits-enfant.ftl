### Translation of posts/2024-11-20-journee-internationale-droits-enfant.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = 20 November: PARTAGE it celebrate the rights of the boy everywhere in France

summary = Exposures, workshops and projections : turn of horizon of the events organised by the coverage for the international Day of the rights of the boy.

p-il-y-a-trente = There are thirty-five years, on 20 November 1989, the general Assembly of the United Nations adopted the [Convention on the Rights of the Child](https://www.un.org/fr/observances/world-childrens-day). From, this date is resulted the *International Children's Rights Day*, a date incontournable for all the coverage PARTAGE.

p-cette-annee-encore-benevoles = In what it goes of year still, bénévoles, godfathers, godmothers and partners have movilizado to remember that these rights do not go of himself everywhere : of the million boys grow in zones of conflict, and a lot do not have always no access in the school.

h-ce-qui-s-est = What has passed near of in you

p-voici-un-apercu-des = Here it is a perception of the actions organised by our local groups :

li-hauts-de-france = **Elevated-of-France**

li-exposition-photo-les-droits = Exposure photo « The rights of the boy seen by the boys » to the médiathèque of Compiègne ;

li-rencontre-avec-des-collegiens = It finds with of the collégiens around the right to the participation.

li-ile-de-france = **Island of France**

li-atelier-d-ecriture-avec = Workshop of writing with a class of CM2 of Montreuil on the right to the education.

li-auvergne-rhone-alpes = **Auvernia-Ródano-Alps**

li-projection-debat-d-un = Projection-debate of a short documentary turned to Burkina Faso with KEOOGO ;

li-stand-d-information-sur = stand Of information on a market of Villeurbanne.

li-bretagne = **Bretaña**

li-lecture-de-contes-du = Reading of tales of the whole world for the 4–8 years in a bookshop of Rennes.

h-l-exposition-photo-fil = The exposure photo, red thread of the coverage

p-depuis-2020-le-20 = From 2020, on 20 November it marks also the launching of our exposure « The rights of the boy seen by the boys ». The photographs are taken by the boys accompanied by our partners, of Bobo-Dioulasso to Comoras that go through Ecuador. Each one chooses a right and puts it in image to his way : a room of class, a lunch shared, a football match in the powder, a grandmother that counts a history.

p-alt-un-visiteur-devant = ![](/images/expo-20-novembre.jpg)
    .alt = A visitor in front of the photographs of the exposure to the médiathèque

p-cette-exposition-est-itinerante = This exposure is itinérante : if you wish to receive it in your school, your city council or your company in 2025, write us !

h-la-parole-aux-enfants = The word to the girls

p-comme-chaque-annee-nous = As every year, we have invited also the ours boys say, in some words, what represent his rights. His messages, collected by the squads of our partners, have been shared along the day on our social coverages with the word-dièse #DroitsDeLEnfant. The short plus, and maybe the strong plus, comes of a boy of nine years accompanied by RACINES to Benin: “Me, I want to go to the school and play afterwards. Both.”

p-merci-a-toutes-celles = THANKS TO all those and to all those that have give this possible day. Because the rights of the boy defend every day, dates from this time on on the page **Sustain us** to prolong the commitment !
