### Translation of posts/2024-06-11-journee-enfant-equateur-san-juan.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Day of the girl in Ecuador : San Juan of Jerusalén to the television

summary = The 1st June, our partner équatorien has taken advantage of a national emission to speak of the right to the education of the girls in situation of disability.

p-en-equateur-le-dia = In Ecuador, the *Day of the Boy* is celebrated every year it 1st June. Schools, neighbourhoods and families organise games, of the shows and of the meriendas for the young plus. In what it goes of year, our partner **San Juan of Jerusalén** has lived a little particular day : the association has been invited on the stage of a canal of national television.

h-une-visibilite-inedite = An unpublished visibility

p-installee-a-quito-san = Installed to Remove, San Juan of Jerusalén accompanies girls and of the adolescents that have particular educational needs : riots of the spectre of the autisme, disabilities engines or intellectual, difficulties of learning. It proposes an educational reception, of the sessions of reeducation and an accompaniment of the families, often desprovistas in front of the administrative steps.

p-pendant-pres-d-une = During near of a half-hour of antenna, the director and two educators have presented the newspaper of the association : the sensory workshops, the class of music, the work spent with the relatives. Some students, surrounded of his families, have taken even the word in direct to count this that love to do in the school.

p-alt-une-eleve-de = ![](/images/san-juan-television.jpg)
    .alt = One elevates of San Juan of Jerusalén cheek of the drum in front of the cameras of television

h-le-droit-a-l = The right to the education for all

p-au-dela-de-la = Further of the party, the emission has allowed to remember a mere principle : each boy has rectum to the education, what that they are his capacities. The article 23 of the [relative Convention to the rights of the boy](https://www.ohchr.org/fr/instruments-mechanisms/instruments/convention-rights-child) recognises to the disabled boys the right to spend a full and decent life, in conditions that favour his autonomy and his active participation to the life of the collectivity.

p-dans-les-faits-pourtant = In the facts, however, a lot of boys in situation of disability remain to the separation of the school in Ecuador. The obstacles are numerous :

li-des-etablissements-peu = Of the little accessible establishments and of the overburden classes ;

li-un-manque-d-enseignants = A lack of enseñantes formed to the education inclusiva ;

li-le-cout-des-transports = The cost of the transports and of the cures for the families ;

li-des-prejuges-encore-tenaces = Of the prejudices still tenaces, that push some relatives to save his boy in the house.

p-en-passant-a-la = Spending to the television, the squad of San Juan of Jerusalén expects to do evolve the gazes. « If an alone family that we has seen dare to strike to the door of a school, will have won our day », resume the one of the educators.

h-et-apres = And afterwards ?

p-les-retombees-ont-ete = The relapses have been immediate : several families have contacted the association in the days that have followed, and a neighbouring school has proposed to organise meetings among his students and those of San Juan of Jerusalén. Distribution, that sustains this partner from several years, enjoys with this recognition and will continue to accompany it in his actions of sensitisation.

p-vous-pouvez-decouvrir-les = You can discover the activities of the association on his website, [sanjuandejerusalen.org.ec](https://www.sanjuandejerusalen.org.ec) (in Spanish).
