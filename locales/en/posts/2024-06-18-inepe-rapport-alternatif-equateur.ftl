### Translation of posts/2024-06-18-inepe-rapport-alternatif-equateur.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = “Nothing to celebrate”: INEPE’s alternative report on children’s rights in Ecuador

summary = With other Ecuadorian organisations, INEPE gathered the views of 560 children and adolescents to assess how their rights are respected.

p-le-1er-juin-jour = The 1st June, day of the party of the girls in Ecuador, our partner INEPE has chosen a title voluntarily provocador for the document that published with several organisations and coverages of protect of the childhood : *« there is not at all to celebrate the day of the boy »*. Behind this formula hides a background work : an **alternative report** on the application, by the State équatorien, of the relative Convention to the rights of the boy.

h-pourquoi-un-rapport-alternatif = Why an alternative report?

p-les-etats-qui-ont = The States that have ratified the Convention have to darse regularly to the Committee of the rights of the boy of the United Nations. Near of the official report, the civil society can transmit his own analysis : it is this that it calls an alternative report, or « parallel report ». It allows to the Committee of confrontar the speech of the authorities to the reality lived on the terrain.

p-pour-en-savoir-plus = To know more on this mechanism, can consult the page of the [Committee of the rights of the boy](https://www.ohchr.org/fr/treaty-bodies/crc) as well as the [integral text of the Convention](https://www.ohchr.org/fr/instruments-mechanisms/instruments/convention-rights-child).

p-alt-atelier-de-consultation = ![](/images/inepe-atelier.jpg)
    .alt = Workshop of surgery with a group of adolescents to Remove

h-560-enfants-ont-pris = 560 boys have taken the word

p-le-rapport-repose-sur = The report rests on workshops and of the questionnaires spent near of **560 boys and main adolescents of 4 to 17 years**, in urban zones like rural. The young plus have expressed by the drawing and the game, the main plus in groups of discussion. They have spoken of his school, of his neighbourhood, of his family, of his security.

p-parmi-les-preoccupations-qui = Among the worries that go back the more often :

li-la-violence-a-la = The **violence**, to the house, to the school and in the public space, in a marked country by the rise of the insecurity ;

li-l-acces-a-une = The access to an education of quality, especially for the girls of the rural zones and the boys migrantes ;

li-la-sante-mentale-sujet = The mental health, subject still little accosted, but very present in the testimonies of the adolescents ;

li-le-sentiment-de-ne = The feeling of not being listened by the adults that take the decisions.

h-des-recommandations-adressees-au = Of the recommendations directed to the government

p-les-enfants-ne-se = The boys have not gladdened to describe the problems. They have formulated his own recommendations to the government équatorien : of the surest schools, of the spaces of game in the neighbourhoods, of the adults formed to listen them and, especially, the possibility to be consulted on the politics that involve them.

p-pour-inepe-qui-defend = For INEPE, that defends from does long a pedagogy founded on the participation, this report is at the same time a tool of plaidoyer and a way to show that the girls are able to analyse his situation with lucidity. His word is not a supplement of soul : it is to the cœur of the text.

p-le-rapport-complet-est = The complete report is available in Spanish on the [website of INEPE](https://www.inepe.org). PARTAGE It will continue of relayer this work and to sustain his partner in the follow-up of the recommendations.
