### Translation of posts/2025-05-15-assemblee-generale-appel-benevoles.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = General assembly 2025 : come, you vote, engage you !

summary = The general assembly of PARTAGE will maintain the Saturday 14 June 2025; it is also the ideal moment to take our squads bénévoles.

p-l-assemblee-generale-annuelle = The annual general assembly of PARTAGE will take place the **Saturday 14 June 2025**, of 9 h 30 to 13 h, to the House of the associations of Compiègne. It will be able to also be followed on-line. It is a moment of entity of the life of our association: the occasion to do the point on the fluent year, to vote the big orientations and to choose a part of the board of directors.

h-ordre-du-jour = Agenda

li-accueil-des-participants-et = Reception of the participants and aperture of the session by the president

li-presentation-et-vote-du = Presentation and vote of the moral report

li-presentation-du-rapport-d = Presentation of the report of activity 2024

li-presentation-des-comptes-2024 = Presentation of the accounts 2024, report of the interventor of accounts and vote

li-orientations-et-budget = Orientations and estimate prévisionnel 2025

li-election-des-administratrices-et = Election of the administrators and administrators

li-temoignages-de-partenaires-en = Testimonies of partners in visioconférence, with KEOOGO and MAEECHA

li-questions-diverses = Diverse questions

p-un-verre-de-l = A glass of the friendship clausurará the morning : of what continue the exchanges of way more informal.

h-vous-avez-recu-la = You have received the announcement ?

p-la-convocation-et-le = The announcement and the form to be able to have been sent by courriel to each affiliated to the day of his cotización. Small technical hang-up : true of go in have received a message that begins by « Greeting `{"{"}prénom{"}"}` » in place of his name. Our tool of sending has done of the siennes ; all our excuses ! The content of the courriel valid rest.

p-si-vous-ne-pouvez = If can not be present, can give can to another affiliated : sack simply the form signed before on **7 June**.

h-appel-a-benevoles = Call to bénévoles

p-l-assemblee-generale-est = The general assembly is also the good moment to take the adventure. Our local groups and the squad of the seat research of the bénévoles stops :

li-animer-l-exposition-les = Animate the exposure « The rights of the boy seen by the boys » in the schools and the médiathèques ;

li-assurer-la-correspondance-avec = Ensure the correspondence with the filleuls and the partners (a practice of the English or of the Spanish is appreciated) ;

li-tenir-des-stands-lors = Maintain of the stands during the events of sensitisation ;

li-renforcer-l-equipe = Reinforce the administrative squad, some hours by months.

p-pas-besoin-d-experience = At all need of particular experience: *the antojo to treat for the rights of the boy sufficed*. Each news recrue is received by a referent and can follow a short formation on the operation of the coverage and on our partners, of Ouagadougou to Remove.

p-pour-vous-inscrire-a = To inscribe you to the general assembly or propose your help, write us via the page [Contact](https://www.partage.org/contact). We count on you !
