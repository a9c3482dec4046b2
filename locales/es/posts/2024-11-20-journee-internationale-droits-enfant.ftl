### Translation of posts/2024-11-20-journee-internationale-droits-enfant.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = 20 de noviembre: PARTAGE celebre los derechos del niño en todas partes en Francia

summary = Exposiciones, talleres y proyecciones : vuelta de horizonte de los acontecimientos organizados por la cobertura para la Jornada internacional de los derechos del niño.

p-il-y-a-trente = Hay treinta y cinco años, el 20 de noviembre de 1989, la Asamblea general de las Naciones Unidas adoptaba la [Convención sobre los Derechos del Niño](https://www.un.org/fr/observances/world-childrens-day). Desde, esta fecha está resultado la *Día Internacional de los Derechos del Niño*, una cita incontournable para toda la cobertura PARTAGE.

p-cette-annee-encore-benevoles = En lo que va de año todavía, bénévoles, padrinos, madrinas y socias se han movilizado para recordar que estos derechos no van de sí en todas partes : de los millones de niños crecen en zonas de conflicto, y mucho no han siempre no acceso en la escuela.

h-ce-qui-s-est = Lo que ha transcurrido cerca de en os

p-voici-un-apercu-des = Aquí está una percepción de las acciones organizadas por nuestros grupos locales :

li-hauts-de-france = **Elevados-de-Francia**

li-exposition-photo-les-droits = exposición foto « Los derechos del niño visto por los niños » a la médiathèque de Compiègne ;

li-rencontre-avec-des-collegiens = encuentra con de los collégiens en torno al derecho a la participación.

li-ile-de-france = **Isla de Francia**

li-atelier-d-ecriture-avec = taller de escritura con una clase de CM2 de Montreuil sobre el derecho a la educación.

li-auvergne-rhone-alpes = **Auvernia-Ródano-Alpes**

li-projection-debat-d-un = proyección-debate de un corto documental girado a Burkina Faso con KEOOGO ;

li-stand-d-information-sur = stand de información sobre un mercado de Villeurbanne.

li-bretagne = **Bretaña**

li-lecture-de-contes-du = lectura de cuentos del mundo entero para los 4–8 años en una librería de Rennes.

h-l-exposition-photo-fil = La exposición foto, hilo rojo de la cobertura

p-depuis-2020-le-20 = Desde 2020, el 20 de noviembre marca también el lanzamiento de nuestra exposición « Los derechos del niño visto por los niños ». Las fotografías están tomadas por los niños acompañados por nuestros socios, de Bobo-Dioulasso a Comoras que pasan por Ecuador. Cada uno escoge un derecho y lo pone en imagen a su modo : una sala de clase, una comida compartida, un partido de fútbol en el polvo, una abuela que cuenta una historia.

p-alt-un-visiteur-devant = ![](/images/expo-20-novembre.jpg)
    .alt = Un visitante ante las fotografías de la exposición a la médiathèque

p-cette-exposition-est-itinerante = Esta exposición es itinérante : si deseáis acogerlo en vuestra escuela, vuestro Ayto. o vuestra empresa en 2025, escribidnos !

h-la-parole-aux-enfants = La palabra a las niñas

p-comme-chaque-annee-nous = Como cada año, hemos invitado también los niños nuestros decir, en algunas palabras, lo que representan sus derechos. Sus mensajes, recogidos por los equipos de nuestros socios, han sido compartidos a lo largo de la jornada sobre nuestras coberturas sociales con la palabra-dièse #DroitsDeLEnfant. El plus corto, y tal vez el plus fuerte, viene de un chico de nueve años acompañados por RACINES a Benín: «Mí, quiero ir a la escuela y jugar después. Ambos.»

p-merci-a-toutes-celles = Gracias a todas aquellas y a todos los que han devuelto esta jornada posible. Porque los derechos del niño se defienden todos los días, citas desde ahora sobre la página **Sostenernos** para prolongar el compromiso !
