### Translation of posts/2025-05-15-assemblee-generale-appel-benevoles.md (fr → es), written by relais, reviewed by people.
### Edit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.

title = Asamblea general 2025: ¡venid, votad, comprometeos!

summary = La asamblea general de PARTAGE se celebrará el sábado 14 de junio de 2025; también es el momento ideal para unirse a nuestros equipos de voluntariado.

p-l-assemblee-generale-annuelle = La asamblea general anual de PARTAGE tendrá lugar el **sábado 14 de junio 2025**, de 9 h 30 a 13 h, a la Casa de las asociaciones de Compiègne. Podrá también estar seguida on-line. Es un momento de entidad de la vida de nuestra asociación: la ocasión de hacer el punto sobre el año fluido, de votar las grandes orientaciones y de elegir una parte del consejo de administración.

h-ordre-du-jour = Orden del día

li-accueil-des-participants-et = Recepción de los participantes y abertura de la sesión por la presidenta

li-presentation-et-vote-du = Presentación y voto del informe moral

li-presentation-du-rapport-d = Presentación del informe de actividad 2024

li-presentation-des-comptes-2024 = Presentación de las cuentas 2024, informe del interventor de cuentas y voto

li-orientations-et-budget = Orientaciones y presupuesto prévisionnel 2025

li-election-des-administratrices-et = Elección de las administradoras y administradores

li-temoignages-de-partenaires-en = Testimonios de socios en visioconférence, con KEOOGO y MAEECHA

li-questions-diverses = Cuestiones diversas

p-un-verre-de-l = Un vaso de la amistad clausurará la mañana : de qué proseguir los intercambios de manera más informal.

h-vous-avez-recu-la = Habéis recibido la convocatoria ?

p-la-convocation-et-le = La convocatoria y el formulario de poder han sido enviado por courriel a cada afiliado al día de su cotización. Pequeño contratiempo técnico : ciertos de entres han recibido un mensaje que comienza por « Saludo `{"{"}prénom{"}"}` » en lugar de su nombre. Nuestra herramienta de envío ha hecho de los siennes ; todas nuestras excusas ! El contenido del courriel resto válido.

p-si-vous-ne-pouvez = Si no poded ser presente, podéis dar poder a otro afiliado : despedid simplemente el formulario firmado antes el **7 de junio**.

h-appel-a-benevoles = Llamada a bénévoles

p-l-assemblee-generale-est = La asamblea general es también el buen momento para coger la aventura. Nuestros grupos locales y el equipo del escaño investigan de los bénévoles para :

li-animer-l-exposition-les = animar la exposición « Los derechos del niño visto por los niños » en las escuelas y las médiathèques ;

li-assurer-la-correspondance-avec = asegurar la correspondencia con las filleuls y las socias (una práctica del inglés o del español está apreciada) ;

li-tenir-des-stands-lors = mantener de los stands durante los acontecimientos de sensibilización ;

li-renforcer-l-equipe = reforzar el equipo administrativo, algunas horas por meses.

p-pas-besoin-d-experience = Nada necesidad de experiencia particular: *el antojo de tratar para los derechos del niño bastado*. Cada noticia recrue está acogida por un referente y puede seguir una corta formación sobre el funcionamiento de la cobertura y sobre nuestras socias, de Ouagadougou a Quito.

p-pour-vous-inscrire-a = Para inscribiros a la asamblea general o proponer vuestra ayuda, escribidnos vía la página [Contacto](https://www.partage.org/contact). Contamos sobre os !
