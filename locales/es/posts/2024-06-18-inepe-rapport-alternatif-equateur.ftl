### Translation of posts/2024-06-18-inepe-rapport-alternatif-equateur.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = « No hay nada que celebrar »: el informe alternativo de INEPE sobre los derechos del niño en Ecuador

summary = Con otras organizaciones ecuatorianas, INEPE recogió la voz de 560 niños y adolescentes para evaluar el respeto de sus derechos.

p-le-1er-juin-jour = El 1.º junio, día de la fiesta de las niñas en Ecuador, nuestra socia INEPE ha escogido un título voluntariamente provocador para el documento que publicaba con varias organizaciones y coberturas de amparo de la niñez : *« No hay nada a celebrar el día del niño »*. Detrás de esta fórmula se esconde un trabajo de fondo : un **informe alternativo** sobre la aplicación, por el Estado équatorien, de la Convención relativa a los derechos del niño.

h-pourquoi-un-rapport-alternatif = ¿Por qué un informe alternativo?

p-les-etats-qui-ont = Los Estados que han ratificado la Convención tienen que dar cuenta regularmente al Comité de los derechos del niño de los Naciones Unidas. Cerca del informe oficial, la sociedad civil puede transmitir su propio análisis : es este que se llama un informe alternativo, o « informe paralelo ». Permite al Comité de confrontar el discurso de las autoridades a la realidad vivida sobre el terreno.

p-pour-en-savoir-plus = Para saber más sobre este mecanismo, podéis consultar la página del [Comité de los derechos del niño](https://www.ohchr.org/fr/treaty-bodies/crc) así como el [texto integral de la Convención](https://www.ohchr.org/fr/instruments-mechanisms/instruments/convention-rights-child).

p-alt-atelier-de-consultation = ![](/images/inepe-atelier.jpg)
    .alt = Taller de consulta con un grupo de adolescentes a Quito

h-560-enfants-ont-pris = 560 niños han tomado la palabra

p-le-rapport-repose-sur = El informe descansa sobre talleres y de los cuestionarios llevados cerca de **560 niños y adolescentes mayores de 4 a 17 años**, en zonas urbanas como rurales. Los plus jóvenes se han expresado por el dibujo y el juego, los plus mayores en grupos de discusión. Han hablado de su escuela, de su barrio, de su familia, de su seguridad.

p-parmi-les-preoccupations-qui = Entre las preocupaciones que vuelven el más a menudo :

li-la-violence-a-la = la **violencia**, a la casa, a la escuela y en el espacio público, en un país marcado por la subida de la inseguridad ;

li-l-acces-a-une = el acceso a una educación de calidad, sobre todo para las niñas de las zonas rurales y los niños migrantes ;

li-la-sante-mentale-sujet = la salud mental, sujeto todavía poco abordado, pero muy presente en los testimonios de los adolescentes ;

li-le-sentiment-de-ne = el sentimiento de no estar escuchados por los adultos que toman las decisiones.

h-des-recommandations-adressees-au = De las recomendaciones dirigidas al gobierno

p-les-enfants-ne-se = Los niños no se han alegrado de describir los problemas. Han formulado sus propias recomendaciones al gobierno équatorien : de las escuelas más seguras, de los espacios de juego en los barrios, de los adultos formados para escucharlos y, sobre todo, la posibilidad de estar consultados sobre las políticas que los implican.

p-pour-inepe-qui-defend = Para INEPE, que defiende desde hace mucho tiempo una pedagogía fundada sobre la participación, este informe es a la vez una herramienta de plaidoyer y una manera de mostrar que las niñas son capaces de analizar su situación con lucidez. Su palabra no es un suplemento de alma : está al cœur del texto.

p-le-rapport-complet-est = El informe completo es disponible en español sobre el [website de INEPE](https://www.inepe.org). PARTAGE continuará de relayer este trabajo y de sostener su socio en el seguimiento de las recomendaciones.
