### Translation of posts/2024-06-06-keoogo-dispensaire-trottoir.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = KEOOGO and Dispensaire Trottoir: a week of learning from each other

summary = From 5 to 10 May 2024, a KEOOGO delegation travelled to Bobo-Dioulasso to observe the preschool classes of Dispensaire Trottoir.

p-tout-a-commence-il = It all began a year ago. In May 2023, during a PARTAGE monitoring mission in Burkina Faso, our two partners, KEOOGO in Ouagadougou and Dispensaire Trottoir in Bobo-Dioulasso, sat around the same table for the first time. The teams quickly realised that they faced the same challenges: taking in highly vulnerable children, many of them internally displaced, adapting teaching materials to their needs and strengthening the skills of their teachers.

h-une-delegation-en-immersion = A week of immersion

p-du-5-au-10 = From 5 to 10 May 2024, three KEOOGO teachers, accompanied by their education coordinator, made the journey to Bobo-Dioulasso. For five days, they shared the daily life of the preschool classes of Dispensaire Trottoir, which has been welcoming young children for many years. Working in pairs with their counterparts, they observed the morning welcome, the routines, how large groups are managed and the early-learning activities.

p-alt-deux-monitrices-animent = ![](/images/keoogo-classe.jpg)
    .alt = Two teachers lead a counting activity with seeds in a nursery class

p-l-echange-ne-s = The exchange did not go one way only. The KEOOGO team explained how it draws on several funders to keep its nursery school running, as well as its agroecological garden, which provides fruit and vegetables for the children’s afternoon snack.

q-chez-nous-ce-sont = “Back home, it’s young mothers from the neighbourhood who sew the uniforms and make toys from local materials. Our colleagues in Bobo were very curious about how we organise this, and we came back with dozens of ideas for our classes. It’s a real exchange!”

q-aminata-monitrice-a-keoogo = — Aminata, teacher at KEOOGO

h-ce-que-les-equipes = What the teams take away

p-au-terme-de-la = At the end of the week, the two associations drew up a joint assessment. Among the main lessons:

li-la-presence-d-une = a **teaching assistant** alongside each teacher, especially in the youngest sections, where classes are very large (KEOOGO takes in 111 children across three classes);

li-la-necessite-de-se = the need for training in the new preschool *curricula*, recently revised in Burkina Faso;

li-l-importance-de-liens = the importance of close ties with the supervising authorities, in particular the basic education district.

h-des-suites-concretes = Concrete next steps

p-pour-keoogo-la-visite = For KEOOGO, the visit has already borne fruit. The team has contacted the district to benefit from training on the new programmes, is considering recruiting teaching assistants for the new school year in October and is adopting the tools shared by Dispensaire Trottoir: activity sheets, pupil progress booklets and an assessment grid for educational outings.

p-du-cote-de-bobo = In Bobo-Dioulasso, the director of Dispensaire Trottoir stresses that hosting another team makes you step back from your own practices and put into words know-how that seemed to go without saying. For PARTAGE, which supports both associations, this kind of meeting is one of the best ways to spread good practice across the network.

p-d-autres-themes-de = Other topics are already on the table and could lead to a joint project. We will keep you posted!
