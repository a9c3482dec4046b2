### Translation of posts/2024-06-11-journee-enfant-equateur-san-juan.md (fr → en), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Children’s Day in Ecuador: San Juan de Jerusalén on television

summary = On 1 June, our Ecuadorian partner took part in a national broadcast to speak about the right to education of children with disabilities.

p-en-equateur-le-dia = In Ecuador, *Día del Niño* (Children’s Day) is celebrated every year on 1 June. Schools, neighbourhoods and families organise games, shows and snacks for the youngest. This year, our partner **San Juan de Jerusalén** had a rather special day: the association was invited onto the set of a national television channel.

h-une-visibilite-inedite = Unprecedented visibility

p-installee-a-quito-san = Based in Quito, San Juan de Jerusalén supports children and teenagers with special educational needs: autism spectrum disorders, physical or intellectual disabilities, learning difficulties. It offers educational care, therapy sessions and support for families, who are often at a loss when faced with administrative procedures.

p-pendant-pres-d-une = For almost half an hour on air, the director and two educators presented the daily life of the association: the sensory workshops, the music class, the work done with parents. A few pupils, surrounded by their families, even spoke live about what they like doing at school.

p-alt-une-eleve-de = ![](/images/san-juan-television.jpg)
    .alt = A pupil from San Juan de Jerusalén plays the drum in front of the television cameras

h-le-droit-a-l = The right to education for all

p-au-dela-de-la = Beyond the celebration, the programme was a chance to recall a simple principle: every child has the right to education, whatever their abilities. Article 23 of the [Convention on the Rights of the Child](https://www.ohchr.org/fr/instruments-mechanisms/instruments/convention-rights-child) recognises the right of children with disabilities to enjoy a full and decent life, in conditions that promote their self-reliance and their active participation in the life of the community.

p-dans-les-faits-pourtant = In practice, however, many children with disabilities are still kept out of school in Ecuador. The obstacles are many:

li-des-etablissements-peu = schools that are hard to reach and overcrowded classes;

li-un-manque-d-enseignants = a lack of teachers trained in inclusive education;

li-le-cout-des-transports = the cost of transport and care for families;

li-des-prejuges-encore-tenaces = persistent prejudice, which leads some parents to keep their child at home.

p-en-passant-a-la = By appearing on television, the San Juan de Jerusalén team hopes to change attitudes. “If just one family who saw us dares to knock on a school’s door, our day will have been worthwhile,” sums up one of the educators.

h-et-apres = What next?

p-les-retombees-ont-ete = The impact was immediate: several families contacted the association in the days that followed, and a neighbouring school offered to organise meetings between its pupils and those of San Juan de Jerusalén. PARTAGE, which has supported this partner for several years, welcomes this recognition and will keep supporting its awareness-raising work.

p-vous-pouvez-decouvrir-les = You can discover the activities of the association on its website, [sanjuandejerusalen.org.ec](https://www.sanjuandejerusalen.org.ec) (in Spanish).
