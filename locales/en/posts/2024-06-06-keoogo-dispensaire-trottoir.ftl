### Translation of posts/2024-06-06-keoogo-dispensaire-trottoir.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = KEOOGO And the Dispensary Footpath : a week to learn mutually

summary = Of the 5 to 10 May 2024, a delegation of KEOOGO has give to Bobo-Dioulasso to observe the classes préscolaires of the Dispensary Footpath.

p-tout-a-commence-il = All has begun there is a year. In May 2023, during a mission of follow-up of DISTRIBUTION in Burkina Faso, our two partners, KEOOGO to Uagadugú and the Dispensary Footpath to Bobo-Dioulasso, have found for the first time around a same table. Very quickly, the squads have ascertained that shared the same challenges : receive boys very vulnerable, whose of numerous boys moved interns, adapt the material pédagogique to his needs and reinforce the competitions of the monitoras.

h-une-delegation-en-immersion = A delegation in immersion

p-du-5-au-10 = Of the 5 to 10 May 2024, three monitoras of KEOOGO, accompanied of his manager pédagogique, have done the trip until Bobo-Dioulasso. During five days, have shared the newspaper of the classes préscolaires of the Dispensary Footpath, that receives the all-small from long years. Working in binômes with his homologous, have observed the reception of the morning, the rituals, the management of the big groups and the activities of éveil.

p-alt-deux-monitrices-animent = ![](/images/keoogo-classe.jpg)
    .alt = Two monitoras animate an activity of comptage with of the graines in a class of maternal

p-l-echange-ne-s = The exchange has not done in an alone sense. The squad of KEOOGO has presented the way whose moviliza several financeurs to do live his maternal school, as well as his garden agroécologique, that provides fruits and vegetables for the merienda of the girls.

q-chez-nous-ce-sont = « In us, this are young mothers of the neighbourhood that sew the uniforms and manufacture toys with of the matériaux local. Our pals of Bobo have been very curious of this organisation, and us, are left with tens of ideas for our classes. It is a true exchange ! »

q-aminata-monitrice-a-keoogo = — Aminata, monitora to KEOOGO

h-ce-que-les-equipes = What the squads retain

p-au-terme-de-la = To the term of the week, both associations have raised a common balance. Among the main educations :

li-la-presence-d-une = The presence of a **help-monitora** to the sides of each monitora, especially in the small sections where the effective are very high (KEOOGO receives 111 boys delivers in three classes) ;

li-la-necessite-de-se = The need to form to the new *curricula* of the préscolaire, recently revised to Burkina Faso ;

li-l-importance-de-liens = The importance of narrow bonds with the authorities of tutela, in particular the circunscripción of education of base.

h-des-suites-concretes = Of the concrete continuations

p-pour-keoogo-la-visite = For KEOOGO, the visit has spent already his fruits. The squad has taken contact with the circunscripción to benefit formations on the new programs, reflexiona to the recruitment of helps-monitoras for the returned of October and apropia the tools transmitted by the Dispensary Footpath : chips of activities, carné of follow-up of the students and grille evaluadora of the starts pédagogiques.

p-du-cote-de-bobo = Of the side of Bobo-Dioulasso, the director of the Dispensary Footpath underlines that receive another squad obliges to take of the shrinking on his own practical and to put words on of the know-do that they looked to go of himself. For DISTRIBUTION, that sustains both associations, this type of meeting is the one of the best ways to do circulate the best practices to the heart of the coverage.

p-d-autres-themes-de = Other labour subjects are already on the table and could abocar a common project. We will not be missing to maintain you informed !
