### Translation of posts/2025-02-14-cantine-scolaire-maeecha-comores.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = In the Comoros, a school canteen for better learning

summary = With MAEECHA, PARTAGE is launching a school canteen project in three schools in Nyumakele, on the island of Anjouan.

p-comment-apprendre-a-lire = How can you learn to read on an empty stomach? In the Nyumakele region, on the island of Anjouan, many pupils arrive at school without having had breakfast, after walking several kilometres. Tiredness and hunger weigh on their concentration, and some end up leaving school before the end of primary education.

p-c-est-a-partir = It was on this basis that our partner **MAEECHA**, a Comorian association known for its work on education and reading, designed a school canteen project with PARTAGE. It is part of the “School canteens of the world” initiative, launched with several partners of the network.

p-alt-des-eleves-partagent = ![](/images/maeecha-cantine.jpg "")
    .alt = Pupils share a meal of rice and vegetables under the school’s covered yard
    .title = First meal served at the school in Mramani, January 2025

h-trois-axes-de-travail = Three areas of work

p-le-projet-ne-se = The project is about more than serving meals. It rests on three pillars, designed with the communities:

li-un-repas-chaud-et = **A hot, balanced meal every school day.**

li-les-menus-sont-construits = The menus are designed with a nutritionist using local produce: rice, cassava, green bananas, fish, leafy greens. A small school vegetable garden supplements the supplies and serves as a teaching aid for science lessons.

li-l-implication-des-parents = **Involving parents and communities.**

li-des-comites-de-gestion = Management committees bring together parents, teachers and village representatives. They organise the cooking rota, keep track of stocks and set a symbolic contribution adapted to what families can afford.

li-le-lien-avec-les = **Working with the education authorities.**

li-des-le-depart-maeecha = From the start, MAEECHA has involved the island’s education services, so that the canteens can eventually be taken up by public policy rather than depend solely on outside funding.

h-les-premiers-resultats = The first results

p-la-cantine-de-la = The canteen of the first school opened in January 2025. It is still too early to draw conclusions, but teachers already note better attendance in the morning and more attentive pupils at the end of the morning. A teacher in Mramani puts it simply: “Before, at ten o’clock, the children would look out of the window, waiting to go home and eat. Now they stay with us until the end of the lesson.”

p-les-parents-eux-aussi = Parents, too, have taken ownership of the project. Several mothers take turns in the kitchen each week, and a village farmers’ group has committed to supplying some of the vegetables at cost price.

h-et-la-suite = What next?

p-deux-autres-ecoles-doivent = Two more schools are due to open their canteens by the start of the school year in October. A mid-term evaluation will measure the effect of the project on school attendance and on the nutritional status of the children. To find out more about our partner, visit the [MAEECHA website](https://www.maeecha.org).
