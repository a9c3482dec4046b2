### Translation of posts/2024-06-06-keoogo-dispensaire-trottoir.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = KEOOGO y el Ambulatorio Acera : una semana para aprender mutuamente

summary = Del 5 al 10 de mayo de 2024, una delegación de KEOOGO se ha devuelto a Bobo-Dioulasso para observar las clases préscolaires del Ambulatorio Acera.

p-tout-a-commence-il = Todo ha comenzado hay un año. En mayo 2023, durante una misión de seguimiento de REPARTO en Burkina Faso, nuestros dos socios, KEOOGO a Uagadugú y el Ambulatorio Acera a Bobo-Dioulasso, se han encontrado por primera vez en torno a una misma mesa. Muy rápidamente, los equipos han constatado que compartían los mismos retos : acoger niños muy vulnerables, cuyos de numerosos niños trasladados internos, adaptar el material pédagogique a sus necesidades y reforzar las competencias de las monitoras.

h-une-delegation-en-immersion = Una delegación en inmersión

p-du-5-au-10 = Del 5 al 10 de mayo de 2024, tres monitoras de KEOOGO, acompañadas de su responsable pédagogique, han hecho el viaje hasta Bobo-Dioulasso. Durante cinco días, han compartido el diario de las clases préscolaires del Ambulatorio Acera, que acoge los todos-pequeños desde largos años. Trabajando en binômes con sus homólogos, han observado la recepción de la mañana, los rituales, la gestión de los grandes grupos y las actividades de éveil.

p-alt-deux-monitrices-animent = ![](/images/keoogo-classe.jpg)
    .alt = Dos monitoras animan una actividad de comptage con de las graines en una clase de maternal

p-l-echange-ne-s = El intercambio no se ha hecho en un solo sentido. El equipo de KEOOGO ha presentado el modo cuyo moviliza varias financeurs para hacer vivir su escuela maternal, así como su jardín agroécologique, que proporciona frutas y verduras para la merienda de las niñas.

q-chez-nous-ce-sont = « En nos, esto están jóvenes madres del barrio que cosen los uniformes y fabrican juguetes con de los matériaux locales. Nuestros colegas de Bobo han sido muy curiosas de esta organización, y nos, estamos marchado con decenas de ideas para nuestras clases. Es un verdadero intercambio ! »

q-aminata-monitrice-a-keoogo = — Aminata, monitora a KEOOGO

h-ce-que-les-equipes = Lo que los equipos retienen

p-au-terme-de-la = Al término de la semana, ambas asociaciones han levantado un balance común. Entre las principales enseñanzas :

li-la-presence-d-une = la presencia de una **ayuda-monitora** a los lados de cada monitora, sobre todo en las pequeñas secciones donde los efectivos son muy elevados (KEOOGO acoge 111 niños reparte en tres clases) ;

li-la-necessite-de-se = la necesidad de formarse a los nuevos *curricula* del préscolaire, recientemente revisados a Burkina Faso ;

li-l-importance-de-liens = la importancia de vínculos estrechos con las autoridades de tutela, en particular la circunscripción de educación de base.

h-des-suites-concretes = De las continuaciones concretas

p-pour-keoogo-la-visite = Para KEOOGO, la visita ha llevado ya sus frutas. El equipo ha tomado contacto con la circunscripción para beneficiar formaciones sobre los nuevos programas, reflexiona al reclutamiento de ayudas-monitoras para la regresada de octubre y se apropia las herramientas transmitidas por el Ambulatorio Acera : fichas de actividades, carné de seguimiento de los alumnos y reja evaluadora de las salidas pédagogiques.

p-du-cote-de-bobo = Del lado de Bobo-Dioulasso, la directora del Ambulatorio Acera subraya que recibir otro equipo obliga a tomar del retroceso sobre sus propios prácticos y a poner palabras sobre del saber-hacer que parecían ir de sí. Para REPARTO, que sostiene ambas asociaciones, este tipo de encuentro es lo una de las mejores maneras de hacer circular las buenas prácticas al seno de la cobertura.

p-d-autres-themes-de = Otros temas laborales son ya sobre la mesa y podrían abocar un proyecto común. No faltaremos de manteneros informados !
