### Translation of posts/2025-04-10-rapport-activite-2024.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Informe de actividad 2024 : un año de compromiso en cifras

summary = El informe de actividad 2024 de PARTAGE este on-line: descubrid las cifras llaves y los tiempos fuertes del año fluido.

p-chaque-printemps-le-rapport = Cada primavera, el informe de actividad es la ocasión de mirar el año fluido en el retrovisor. Aquel de 2024 es a partir de ahora disponible en descarga. Él retrace el trabajo llevado con nuestros socios en una quincena de país y da cuenta de la utilización de los donativos que nosotros han sido confiados.

h-l-essentiel-en-chiffres = El esencial en cifras

li-31-associations-partenaires = **31 asociaciones socias** sostenidas en 17 países ;

li-plus-de-12-400 = **más de 12 400 niños y jóvenes** acompañados directamente (salud, educación, amparo) ;

li-4-200-parrains-et = **4 200 padrinos y madrinas** comprometidas a nuestros lados ;

li-380-benevoles-actifs-dans = **380 bénévoles** activos en 22 grupos locales en Francia ;

li-82-des-ressources-consacrees = **82 %** de los recursos consagrados a las misiones sociales ;

li-6-visites-d-echange = **6 visitas de intercambio** organizado entre socios de la cobertura.

h-les-temps-forts-de = Los tiempos fuertes del año

h-des-partenaires-qui-apprennent = De los socios que aprenden mutuamente

p-l-annee-2024-a = El año 2024 ha sido marcada por la multiplicación de los intercambios entre socios. La visita del equipo de KEOOGO al Dispensaire Trottoir, a Bobo-Dioulasso, o el trabajo llevado por RACINES y MAEECHA en torno a la lectura placer muestran cuanto la cobertura gana a hacer circular el saber-hacer de un país al otro.

h-la-parole-des-enfants = La palabra de las niñas al cœur del plaidoyer

p-en-equateur-le-rapport = En Ecuador, el informe alternativo al cual ha contribuido INEPE ha dado la palabra a 560 niños y adolescentes. En Francia, la exposición « Los derechos del niño visto por los niños » ha circulado en una decena de ciudades en torno al 20 de noviembre.

h-nourrir-pour-mieux-apprendre = Alimentar para mejor aprender

p-le-projet-cantines-des = El proyecto «Cantines de las escuelas del mundo» está entrado en su fase de preparación, con una primera obra en Comoras a los lados de MAEECHA y de las pistas laborales en Benín con RACINES.

p-alt-couverture-du-rapport = ![](/images/rapport-2024-couverture.jpg)
    .alt = Cobertura del informe de actividad 2024 de PARTAGE

h-des-defis-qui-demeurent = De los retos que permanecen

p-tout-n-a-pas = Todo no ha sido mero. La degradación de la situación sécuritaire a Burkina Faso, los largas coupures de electricidad en Ecuador y el ascenso de los premios alimentarios han complicado el trabajo de varios socios. Nuestros equipos han tenido que adaptar los calendarios, reforzar el seguimiento a distancia y, a veces, réorienter una parte de los presupuestos hacia la ayuda de urgencia.

p-sur-le-plan-financier = A efectos financiero, el ejercicio se termina al equilibrio. La fidelidad de los padrinos y madrinas queda nuestra principal fuerza : ella permito en la duración a los lados de nuestros socios, sin depender únicamente llamadas a proyectos.

h-merci = Gracias !

p-rien-de-tout-cela = Nada de todo encubrió no sería posible sin os. El informe completo (PDF, 32 páginas) puede ser [descargado aquí](https://www.partage.org/rapport-activite-2024.pdf). Buena lectura, y no vaciláis nuestra hacer parte de vuestras cuestiones o remarcas !
