### Translation of posts/2024-06-11-journee-enfant-equateur-san-juan.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Jornada de la niña en Ecuador : San Juan de Jerusalén a la televisión

summary = El 1.º junio, nuestro socio équatorien ha aprovechado una emisión nacional para hablar del derecho a la educación de las niñas en situación de discapacidad.

p-en-equateur-le-dia = En Ecuador, el *Día del Niño* está celebrado cada año lo 1.º junio. Escuelas, barrios y familias organizan juegos, de los espectáculos y de las meriendas para los plus jóvenes. En lo que va de año, nuestro socio **San Juan de Jerusalén** ha vivido una jornada poco particular : la asociación ha sido invitada sobre el escenario de un canal de televisión nacional.

h-une-visibilite-inedite = Una visibilidad inédita

p-installee-a-quito-san = Instalada a Quito, San Juan de Jerusalén acompaña niñas y de los adolescentes que han necesidades educativas particulares : disturbios del espectro del autisme, discapacidades motores o intelectuales, dificultades de aprendizaje. Propone una recepción educativa, de las sesiones de reeducación y un acompañamiento de las familias, a menudo desprovistas frente a los pasos administrativos.

p-pendant-pres-d-une = Durante cerca de una mitad-hora de antena, la directora y dos educadores han presentado el diario de la asociación : los talleres sensoriales, la clase de música, el trabajo llevado con los parientes. Algunos alumnos, rodeados de sus familias, han tomado incluso la palabra en directo para contar este que aman hacer en la escuela.

p-alt-une-eleve-de = ![](/images/san-juan-television.jpg)
    .alt = Una eleva de San Juan de Jerusalén mejilla del tambor ante las cámaras de televisión

h-le-droit-a-l = El derecho a la educación para todos

p-au-dela-de-la = Más allá de la fiesta, la emisión ha permitido recordar un principio mero : cada niño ha recto a la educación, qué que sean sus capacidades. El artículo 23 de la [Convención relativa a los derechos del niño](https://www.ohchr.org/fr/instruments-mechanisms/instruments/convention-rights-child) reconoce a los niños discapacitados el derecho de llevar una vida llena y decente, en condiciones que favorecen su autonomía y su participación activa a la vida de la colectividad.

p-dans-les-faits-pourtant = En los hechos, sin embargo, muchos niños en situación de discapacidad quedan a la separación de la escuela en Ecuador. Los obstáculos son numerosos :

li-des-etablissements-peu = de los establecimientos poco accesibles y de las clases sobrecargadas ;

li-un-manque-d-enseignants = una carencia de enseñantes formados a la educación inclusiva ;

li-le-cout-des-transports = el coste de los transportes y de las curas para las familias ;

li-des-prejuges-encore-tenaces = de los prejuicios todavía tenaces, que empujan ciertos parientes a guardar su niño en la casa.

p-en-passant-a-la = Pasando a la televisión, el equipo de San Juan de Jerusalén espera hacer evolucionar las miradas. « Si una sola familia que nosotros ha visto ose golpear a la puerta de una escuela, habremos ganado nuestra jornada », resume el uno de los educadores.

h-et-apres = Y después ?

p-les-retombees-ont-ete = Las recaídas han sido inmediatas: varias familias han contactado la asociación en los días que han seguido, y una escuela vecina ha propuesto de organizar encuentros entre sus alumnos y aquellos de San Juan de Jerusalén. PARTAGE, que sostiene este socio desde varios años, se goza con este reconocimiento y continuará a acompañarlo en sus acciones de sensibilización.

p-vous-pouvez-decouvrir-les = Podéis descubrir las actividades de la asociación sobre su website, [sanjuandejerusalen.org.ec](https://www.sanjuandejerusalen.org.ec) (en español).
