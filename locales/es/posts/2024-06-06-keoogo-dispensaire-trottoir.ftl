### Translation of posts/2024-06-06-keoogo-dispensaire-trottoir.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = KEOOGO y el Dispensaire Trottoir: una semana para aprender unos de otros

summary = Del 5 al 10 de mayo de 2024, una delegación de KEOOGO viajó a Bobo-Dioulasso para observar las clases de preescolar del Dispensaire Trottoir.

p-tout-a-commence-il = Todo empezó hace un año. En mayo de 2023, durante una misión de seguimiento de PARTAGE en Burkina Faso, nuestros dos socios, KEOOGO en Ouagadougou y el Dispensaire Trottoir en Bobo-Dioulasso, se reunieron por primera vez en torno a una misma mesa. Muy pronto, los equipos constataron que compartían los mismos retos: acoger a niños muy vulnerables, entre ellos muchos niños desplazados internos, adaptar el material pedagógico a sus necesidades y reforzar las competencias de las monitoras.

h-une-delegation-en-immersion = Una delegación en inmersión

p-du-5-au-10 = Del 5 al 10 de mayo de 2024, tres monitoras de KEOOGO, acompañadas de su responsable pedagógica, viajaron hasta Bobo-Dioulasso. Durante cinco días, compartieron el día a día de las clases de preescolar del Dispensaire Trottoir, que acoge a los más pequeños desde hace muchos años. Trabajando en parejas con sus homólogas, observaron la acogida de la mañana, los rituales, la gestión de los grupos grandes y las actividades de estimulación temprana.

p-alt-deux-monitrices-animent = ![](/images/keoogo-classe.jpg)
    .alt = Dos monitoras animan una actividad de conteo con semillas en una clase de preescolar

p-l-echange-ne-s = El intercambio no fue en un solo sentido. El equipo de KEOOGO presentó cómo moviliza a varios financiadores para mantener su escuela infantil, así como su huerto agroecológico, que proporciona frutas y verduras para la merienda de los niños.

q-chez-nous-ce-sont = « En nuestro caso, son madres jóvenes del barrio quienes cosen los uniformes y fabrican juguetes con materiales locales. Nuestras colegas de Bobo sintieron mucha curiosidad por esta organización, y nosotras volvimos con decenas de ideas para nuestras clases. ¡Es un verdadero intercambio! »

q-aminata-monitrice-a-keoogo = — Aminata, monitora en KEOOGO

h-ce-que-les-equipes = Lo que los equipos retienen

p-au-terme-de-la = Al final de la semana, las dos asociaciones hicieron un balance común. Entre las principales enseñanzas:

li-la-presence-d-une = la presencia de una **monitora auxiliar** junto a cada monitora, sobre todo en las secciones de los más pequeños, donde los grupos son muy numerosos (KEOOGO acoge a 111 niños repartidos en tres clases);

li-la-necessite-de-se = la necesidad de formarse en los nuevos *curricula* de preescolar, revisados recientemente en Burkina Faso;

li-l-importance-de-liens = la importancia de mantener vínculos estrechos con las autoridades de tutela, en particular la circunscripción de educación básica.

h-des-suites-concretes = Próximos pasos concretos

p-pour-keoogo-la-visite = Para KEOOGO, la visita ya ha dado sus frutos. El equipo se puso en contacto con la circunscripción para acceder a formaciones sobre los nuevos programas, estudia la contratación de monitoras auxiliares para el inicio del curso en octubre y se está apropiando de las herramientas transmitidas por el Dispensaire Trottoir: fichas de actividades, cuaderno de seguimiento de los alumnos y tabla de evaluación de las salidas pedagógicas.

p-du-cote-de-bobo = En Bobo-Dioulasso, la directora del Dispensaire Trottoir subraya que recibir a otro equipo obliga a tomar distancia respecto de las propias prácticas y a poner palabras a saberes que parecían evidentes. Para PARTAGE, que apoya a ambas asociaciones, este tipo de encuentro es una de las mejores maneras de difundir las buenas prácticas dentro de la red.

p-d-autres-themes-de = Ya hay otros temas de trabajo sobre la mesa que podrían dar lugar a un proyecto común. ¡Os mantendremos informados!
