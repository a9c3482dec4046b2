### Translation of posts/2025-02-14-cantine-scolaire-maeecha-comores.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = To Comoras, a cantine school for better learn

summary = With MAEECHA, DISTRIBUTION launches a project of cantine school in three schools of the Nyumakele, on the island of Anjouan.

p-comment-apprendre-a-lire = How learn to read when has the empty belly ? In the region of the Nyumakele, on the island of Anjouan, a lot of students arrive in the school without having taken of desayunar, after having visited several kilometres on foot. The tiredness and wins it weigh on his concentration, and some finish for abandoning the school before the end of the primary.

p-c-est-a-partir = It is to leave of this conclusion that ours partner **MAEECHA**, association comorienne recognised for his work on the education and the reading, has imagined with DISTRIBUTION a project of cantine school. It inscribes in the step « Cantines of the schools of the world », launched with several partners of the coverage.

p-alt-des-eleves-partagent = ![](/images/maeecha-cantine.jpg "")
    .alt = Of the students share a lunch of rice and of vegetables under the préau of the school
    .title = First lunch served to the school of Mramani, January 2025

h-trois-axes-de-travail = Three labour axes

p-le-projet-ne-se = The project no resume to serve lunches. It rests on three pillars, thought with the communities :

li-un-repas-chaud-et = **A hot lunch and balanced each day of school.**

li-les-menus-sont-construits = The menus are built with a nutritionniste to leave of local products : rices, manioc, green banana, fish, brèdes. A small potager school complete the acopios and serves of support pédagogique for the lessons of sciences.

li-l-implication-des-parents = **The implication of the relatives and of the communities.**

li-des-comites-de-gestion = Of the committees of management gather relatives of students, enseñantes and representatives of the villages. They organise the turns of cookery, follow the stocks and fix a symbolic contribution, adapted to the resources of the families.

li-le-lien-avec-les = **The bond with the educational authorities.**

li-des-le-depart-maeecha = From the start, MAEECHA associates the services of the education of the island, with the end that the cantines can, on hire purchase, be restarted in the public politics before that to depend only external financing.

h-les-premiers-resultats = The first results

p-la-cantine-de-la = The cantine of the first school has opened his doors in January 2025. It is still too early to throw of conclusions, but the enseñantes note already a better assiduidad the morning and of the most attentive students in final of morning. A institutrice of Mramani it resume simply : « Before, to ten hours, the girls looked by the window in the meantime to return eat. Today, they remain with us until the extreme of the lesson. »

p-les-parents-eux-aussi = The relatives, they also, have appropriate the project. Several mothers relaient weekly cooks, and a grouping of cultivateurs of the village has engaged to provide a part of the vegetables to prizes that cost.

h-et-la-suite = And the continuation ?

p-deux-autres-ecoles-doivent = Two other schools have to open his cantine of here the returned of October. An evaluation to my-route will allow to measure the effect of the project on the alternate pupil and on the state nutritionnel of the boys. To know more on our partner, date on the [website of MAEECHA](https://www.maeecha.org).
