### Translation of posts/2025-04-10-rapport-activite-2024.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Report of activity 2024 : a year of commitment in figures

summary = The report of activity 2024 of PARTAGE this on-line: discover you encipher them keys and the strong times of the fluent year.

p-chaque-printemps-le-rapport = Each spring, the report of activity is the occasion to look the year flowed in the rear-view mirror. That of 2024 is from now available in download. He retrace the work spent with our partners in a fortnight of country and darse of the utilisation of the donations that we have been trusted.

h-l-essentiel-en-chiffres = The essential in figures

li-31-associations-partenaires = **31 associations partners** sustained in 17 countries ;

li-plus-de-12-400 = **More than 12 400 boys and young** accompanied directly (health, education, protect) ;

li-4-200-parrains-et = **4 200 godfathers and committed** godmothers to our sides ;

li-380-benevoles-actifs-dans = **380 bénévoles** active in 22 local groups in France ;

li-82-des-ressources-consacrees = **82 %** of the resources consecrated to the social missions ;

li-6-visites-d-echange = **6 visits of exchange** organised among partners of the coverage.

h-les-temps-forts-de = The strong times of the year

h-des-partenaires-qui-apprennent = Of the partners that learn mutually

p-l-annee-2024-a = The year 2024 has been marked by the multiplication of the exchanges among partners. The visit of the squad of KEOOGO to the Dispensaire Trottoir, to Bobo-Dioulasso, or the work spent by RACINES and MAEECHA around the reading pleasure show what the coverage wins to do circulate the know-do of a country to the another.

h-la-parole-des-enfants = The word of the girls to the cœur of the plaidoyer

p-en-equateur-le-rapport = In Ecuador, the alternative report to the cual has contributed INEPE has given the word to 560 boys and adolescent. In France, the exposure « The rights of the boy seen by the boys » has circulated in a ten of cities around 20 November.

h-nourrir-pour-mieux-apprendre = Feed for better learn

p-le-projet-cantines-des = The project “Cantines of the schools of the world” is gone in in his phase of preparation, with a first work in Comoras to the sides of MAEECHA and of the labour clues in Benin with RACINES.

p-alt-couverture-du-rapport = ![](/images/rapport-2024-couverture.jpg)
    .alt = Coverage of the report of activity 2024 of PARTAGE

h-des-defis-qui-demeurent = Of the challenges that remain

p-tout-n-a-pas = Everything has not been mere. The degradation of the situation sécuritaire to Burkina Faso, the long coupures of electricity in Ecuador and the ascent of the alimentary prizes have complicated the work of several partners. Our squads have had to adapt the calendars, reinforce the follow-up to distance and, sometimes, réorienter a part of the estimates to the help of urgency.

p-sur-le-plan-financier = To financial effects, the exercise ends up to the balance. The fidelity of the godfathers and godmothers remains our main force : she allow in the length to the sides of our partners, without depending only called to projects.

h-merci = Thank you !

p-rien-de-tout-cela = At all of everything concealed would not be possible without you. The complete report (PDF, 32 pages) can be [downloaded here](https://www.partage.org/rapport-activite-2024.pdf). Good reading, and do not hesitate ours to do part of your questions or remark !
