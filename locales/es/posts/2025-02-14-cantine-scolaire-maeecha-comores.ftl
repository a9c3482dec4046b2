### Translation of posts/2025-02-14-cantine-scolaire-maeecha-comores.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = A Comoras, una cantine escolar para mejor aprender

summary = Con MAEECHA, PARTAGE lanza un proyecto de cantine escolar en tres escuelas del Nyumakele, sobre la isla de Anjouan.

p-comment-apprendre-a-lire = Cómo aprender a leer cuándo se tiene el vientre vacío ? En la región del Nyumakele, sobre la isla de Anjouan, muchas alumnas llegan en la escuela sin haber tomado de desayunar, después de haber recorrido varios kilómetros a pie. El cansancio y la gana pesan sobre su concentración, y algunos acaban por abandonar la escuela antes el final del primario.

p-c-est-a-partir = Es a marchar de esta conclusión que nuestra socia **MAEECHA**, asociación comorienne reconocida para su trabajo sobre la educación y la lectura, ha imaginado con PARTAGE un proyecto de cantine escolar. Se inscribe en el paso «Cantines de las escuelas del mundo», lanzada con varias socias de la cobertura.

p-alt-des-eleves-partagent = ![](/images/maeecha-cantine.jpg "")
    .alt = De los alumnos comparten una comida de arroz y de verduras bajo el préau de la escuela
    .title = Primera comida servido a la escuela de Mramani, enero 2025

h-trois-axes-de-travail = Tres ejes laborales

p-le-projet-ne-se = El proyecto no se resume a servir comidas. Descansa sobre tres pilares, opinados con las comunidades :

li-un-repas-chaud-et = **Una comida caliente y equilibrada cada día de escuela.**

li-les-menus-sont-construits = Los menús están construidos con una nutritionniste a marchar de productos locales : arroces, manioc, plátano verde, pescado, brèdes. Un pequeño potager escolar complete los acopios y sirve de apoyo pédagogique para las lecciones de ciencias.

li-l-implication-des-parents = **La implicación de los parientes y de las comunidades.**

li-des-comites-de-gestion = De los comités de gestión reúnen parientes de alumnos, enseñantes y representantes de los pueblos. Organizan las vueltas de cocina, siguen los stocks y fijan una contribución simbólica, adaptada a los recursos de las familias.

li-le-lien-avec-les = **El vínculo con las autoridades educativas.**

li-des-le-depart-maeecha = Desde la salida, MAEECHA asocia los servicios de la educación de la isla, con el fin de que las cantines puedan, a plazos, estar retomadas en las políticas públicas antes que de depender únicamente financiaciones exteriores.

h-les-premiers-resultats = Los primeros resultados

p-la-cantine-de-la = La cantine de la primera escuela ha abierto sus puertas en enero 2025. Es todavía demasiado temprano para tirar de conclusiones, pero los enseñantes anotan ya una mejor assiduidad la mañana y de los alumnos más atentos en final de mañana. Una institutrice de Mramani lo resume simplemente : « Antes, a diez horas, las niñas miraban por la ventana mientras tanto de regresar comer. Hoy, quedan con nos hasta el extremo de la lección. »

p-les-parents-eux-aussi = Los parientes, ellos también, se han apropiado el proyecto. Varias madres se relaient semanalmente cocina, y una agrupación de cultivateurs del pueblo se ha comprometido a proporcionar una parte de las verduras a premios que cuestan.

h-et-la-suite = Y la continuación ?

p-deux-autres-ecoles-doivent = Dos otras escuelas tienen que abrir su cantine de aquí la regresada de octubre. Una evaluación a mi-recorrido permitirá medir el efecto del proyecto sobre el alterne escolar y sobre el estado nutritionnel de los niños. Para saber más sobre nuestro socio, cita sobre el [website de MAEECHA](https://www.maeecha.org).
