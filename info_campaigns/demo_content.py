"""Demo content of the information campaigns, in the project's own words.

Data, not translations: the lead's .po files translate the interface, these texts are what
editors would have written. Figures that are examples are marked as illustrative; rules change,
so every page sends the reader to the official source and to the hotline.

Structure per language (same keys everywhere, so one builder makes every translation):
campaign: title, summary, intro, steps_heading, steps [(title, details, deadline, cost, where)],
checklist_heading, checklist [...], faq_heading, faq [(question, answer)], hotline_message.
"""

HOME_INTROS = {
    "ru": "Официальная и бесплатная информация о том, как уехать на работу законно и безопасно: "
          "справочники по странам, проверка агентств и документов, вакансии.",
    "en": "Official, free information on going to work abroad legally and safely: country "
          "guides, checks of agencies and documents, vacancies.",
    "kk": "Шетелде заңды әрі қауіпсіз жұмыс істеу туралы ресми және тегін ақпарат: елдер "
          "бойынша анықтамалар, агенттіктер мен құжаттарды тексеру, бос жұмыс орындары.",
    "ky": "Чет өлкөгө мыйзамдуу жана коопсуз иштөөгө баруу тууралуу расмий жана акысыз маалымат: "
          "өлкөлөр боюнча колдонмолор, агенттиктерди жана документтерди текшерүү, бош орундар.",
    "tg": "Маълумоти расмӣ ва ройгон дар бораи ба кор рафтани қонунӣ ва бехатар: дастурҳо оид "
          "ба кишварҳо, санҷиши агентиҳо ва ҳуҷҷатҳо, ҷойҳои холии корӣ.",
    "tk": "Daşary ýurda kanuny we howpsuz işe gitmek barada resmi we mugt maglumat: ýurtlar "
          "boýunça gollanmalar, agentlikleri we resminamalary barlamak, boş iş orunlary.",
    "uz": "Chet elga qonuniy va xavfsiz ishlashga borish haqida rasmiy va bepul maʼlumot: "
          "mamlakatlar boʻyicha qoʻllanmalar, agentliklar va hujjatlarni tekshirish, boʻsh ish "
          "oʻrinlari.",
}

#: Languages in which campaigns and guides are written for the demo.
CONTENT_LANGUAGES = ["ru", "en", "tg", "ky", "uz"]

ILLUSTRATIVE = {
    "ru": "иллюстративно", "en": "illustrative", "tg": "намунавӣ", "ky": "мисал катары",
    "uz": "namuna sifatida",
}

# --- Help contacts (snippets) --------------------------------------------------------------

HOTLINES = [
    {
        "key": "emergency-112", "number": "112", "country": None, "cost": "free",
        "text": {
            "ru": ("Единый номер экстренных служб", "круглосуточно", "русский, местный язык",
                   "Полиция, скорая помощь, пожарные. Работает в Казахстане и России, звонок "
                   "бесплатный, в том числе без SIM-карты."),
            "en": ("Single emergency number", "24 hours", "Russian, local language",
                   "Police, ambulance, fire brigade. Works in Kazakhstan and Russia, free, also "
                   "without a SIM card."),
            "tg": ("Рақами ягонаи хадамоти фавқулодда", "шабонарӯзӣ", "русӣ, забони маҳаллӣ",
                   "Полис, ёрии таъҷилӣ, сӯхторнишонҳо. Дар Қазоқистон ва Русия кор мекунад, "
                   "занг ройгон аст, ҳатто бе SIM-корт."),
            "ky": ("Шашылыш кызматтардын бирдиктүү номери", "күнү-түнү", "орусча, жергиликтүү тил",
                   "Полиция, тез жардам, өрт өчүрүүчүлөр. Казакстанда жана Орусияда иштейт, "
                   "чалуу акысыз, SIM-картасыз да."),
            "uz": ("Favqulodda xizmatlarning yagona raqami", "kecha-kunduz",
                   "rus tili, mahalliy til",
                   "Politsiya, tez yordam, oʻt oʻchiruvchilar. Qozogʻiston va Rossiyada ishlaydi, "
                   "qoʻngʻiroq bepul, SIM-kartasiz ham."),
        },
    },
    {
        "key": "karavan-line", "number": "+7 700 000 0000", "country": "KZ", "cost": "free",
        "text": {
            "ru": ("Линия поддержки мигрантов «Караван» (демо-номер)", "пн–сб 9:00–20:00",
                   "русский, кыргызский, таджикский, узбекский",
                   "Консультации о найме, документах и правах; приём жалоб на агентства."),
            "en": ("Karavan migrant support line (demo number)", "Mon–Sat 9:00–20:00",
                   "Russian, Kyrgyz, Tajik, Uzbek",
                   "Advice on recruitment, documents and rights; complaints about agencies."),
            "tg": ("Хати дастгирии муҳоҷирон «Корвон» (рақами намунавӣ)", "дш–шб 9:00–20:00",
                   "русӣ, қирғизӣ, тоҷикӣ, ӯзбекӣ",
                   "Машварат оид ба ба кор қабул, ҳуҷҷатҳо ва ҳуқуқҳо; қабули шикоятҳо аз "
                   "агентиҳо."),
            "ky": ("«Караван» мигранттарды колдоо линиясы (демо номер)", "дш–иш 9:00–20:00",
                   "орусча, кыргызча, тажикче, өзбекче",
                   "Жумушка алуу, документтер жана укуктар боюнча кеңеш; агенттиктерге "
                   "даттануу."),
            "uz": ("«Karvon» muhojirlarni qoʻllab-quvvatlash liniyasi (namuna raqam)",
                   "du–sha 9:00–20:00", "rus, qirgʻiz, tojik, oʻzbek tillari",
                   "Ishga yollash, hujjatlar va huquqlar boʻyicha maslahat; agentliklar ustidan "
                   "shikoyatlar."),
        },
    },
]

RESOURCE_CENTRES = [
    {
        "key": "almaty", "country": "KZ", "lat": "43.238949", "lon": "76.889709",
        "phones": "+7 727 000 0000", "text": {
            "ru": ("Ресурсный центр для мигрантов (демо)", "Алматы",
                   "пр. Абая, 1 (демо-адрес)", "пн–пт 9:00–18:00",
                   "русский, казахский, кыргызский, узбекский"),
            "en": ("Migrant resource centre (demo)", "Almaty", "1 Abai Avenue (demo address)",
                   "Mon–Fri 9:00–18:00", "Russian, Kazakh, Kyrgyz, Uzbek"),
            "tg": ("Маркази захиравии муҳоҷирон (намуна)", "Алмато",
                   "хиёбони Абай, 1 (суроғаи намунавӣ)", "дш–ҷм 9:00–18:00",
                   "русӣ, қазоқӣ, қирғизӣ, ӯзбекӣ"),
            "ky": ("Мигранттар үчүн ресурстук борбор (демо)", "Алматы",
                   "Абай пр., 1 (демо дарек)", "дш–жм 9:00–18:00",
                   "орусча, казакча, кыргызча, өзбекче"),
            "uz": ("Muhojirlar uchun resurs markazi (namuna)", "Olmaota",
                   "Abay shoh koʻchasi, 1 (namuna manzil)", "du–ju 9:00–18:00",
                   "rus, qozoq, qirgʻiz, oʻzbek tillari"),
        },
    },
    {
        "key": "moscow", "country": "RU", "lat": "55.755826", "lon": "37.617300",
        "phones": "+7 495 000 0000", "text": {
            "ru": ("Консультационный пункт для трудящихся-мигрантов (демо)", "Москва",
                   "ул. Примерная, 10 (демо-адрес)", "пн–сб 10:00–19:00",
                   "русский, таджикский, узбекский, кыргызский"),
            "en": ("Advice point for migrant workers (demo)", "Moscow",
                   "10 Primernaya St (demo address)", "Mon–Sat 10:00–19:00",
                   "Russian, Tajik, Uzbek, Kyrgyz"),
            "tg": ("Нуқтаи машваратӣ барои муҳоҷирони меҳнатӣ (намуна)", "Москва",
                   "кӯчаи Примерная, 10 (суроғаи намунавӣ)", "дш–шб 10:00–19:00",
                   "русӣ, тоҷикӣ, ӯзбекӣ, қирғизӣ"),
            "ky": ("Эмгек мигранттары үчүн кеңеш берүү пункту (демо)", "Москва",
                   "Примерная к., 10 (демо дарек)", "дш–иш 10:00–19:00",
                   "орусча, тажикче, өзбекче, кыргызча"),
            "uz": ("Mehnat muhojirlari uchun maslahat punkti (namuna)", "Moskva",
                   "Primernaya koʻchasi, 10 (namuna manzil)", "du–sha 10:00–19:00",
                   "rus, tojik, oʻzbek, qirgʻiz tillari"),
        },
    },
]

# --- Campaigns -----------------------------------------------------------------------------

CAMPAIGNS = [
    {
        "slug": "work-legally-in-kazakhstan", "audience": "prospective",
        "origins": ["KG", "TJ", "UZ"], "destinations": ["KZ"],
        "period": ("2026-03-01", "2026-12-31"),
        "text": {
            "en": {
                "title": "Working legally in Kazakhstan",
                "summary": "Before you travel: which document lets you work, how to register after "
                           "arrival and how to check the employer and the agency.",
                "intro": "<p>Kazakhstan employs many workers from neighbouring countries. Which "
                         "document you need depends on your citizenship. Citizens of Kyrgyzstan, a "
                         "member of the Eurasian Economic Union, work without a work permit, under "
                         "a written employment contract. Citizens of other countries need a work "
                         "permit obtained by the employer or, for work for private persons, a "
                         "permit for a labour immigrant paid monthly in advance.</p><p>Rules and "
                         "amounts change. This page gives the outline; check the details with the "
                         "migration service before you leave.</p>",
                "steps_heading": "Step by step",
                "steps": [
                    ("Check the offer and the agency",
                     "<p>Ask for the written job offer and the agency's licence number and look "
                     "them up in the Karavan registry. Never pay a fee to get a job.</p>",
                     "before you pay or sign anything", "free", "Karavan: agency registry"),
                    ("Sign a contract in a language you understand",
                     "<p>It states the wage, hours, place of work, housing and who pays for "
                     "travel.</p>", "before departure", "", ""),
                    ("Register your stay",
                     "<p>Your stay must be registered with the migration service. Often the host "
                     "or the employer does it: ask for proof.</p>",
                     "within the legal deadline after arrival (it can be a few days: check it)",
                     "free", "Migration service, public service centre or egov.kz"),
                    ("Get your work document before you start",
                     "<p>Citizens of Kyrgyzstan: the employment contract is enough. Others: the "
                     "work permit the employer obtains, or the permit for a labour immigrant.</p>",
                     "before the first working day",
                     "labour-immigrant permit: a fixed monthly amount set per region "
                     "(illustrative: a few thousand tenge)", "Migration service"),
                ],
                "checklist_heading": "Take with you",
                "checklist": ["A passport valid for the whole stay",
                              "The signed contract, with a copy left at home",
                              "Your migration card, kept until you leave",
                              "Phone numbers of your embassy and of the hotline",
                              "Photos of your documents, stored separately"],
                "faq_heading": "Questions",
                "faq": [
                    ("May the employer keep my passport?",
                     "<p>No. Your passport is yours. An employer or an agency may look at it and "
                     "copy it, but not keep it. If someone keeps it, call the hotline or the "
                     "police.</p>"),
                    ("What if my wage is not paid?",
                     "<p>Keep your contract, pay slips and messages. Contact the labour "
                     "inspectorate or a resource centre, or file a complaint in Karavan, "
                     "anonymously if you wish.</p>"),
                ],
                "hotline_message": "Questions about your documents? Call",
            },
            "ru": {
                "title": "Законная работа в Казахстане",
                "summary": "До поездки: какой документ даёт право работать, как встать на учёт "
                           "после приезда и как проверить работодателя и агентство.",
                "intro": "<p>В Казахстане работает много людей из соседних стран. Какой документ "
                         "нужен, зависит от гражданства. Граждане Кыргызстана — члена "
                         "Евразийского экономического союза — работают без разрешения на работу, "
                         "по письменному трудовому договору. Гражданам других стран нужно "
                         "разрешение, которое получает работодатель, или, для работы у физических "
                         "лиц, разрешение трудовому иммигранту с ежемесячной оплатой вперёд.</p>"
                         "<p>Правила и суммы меняются. Здесь изложена общая схема; подробности "
                         "уточните в миграционной службе до отъезда.</p>",
                "steps_heading": "Шаг за шагом",
                "steps": [
                    ("Проверьте предложение и агентство",
                     "<p>Попросите письменное предложение о работе и номер лицензии агентства и "
                     "найдите их в реестре «Каравана». Никогда не платите за трудоустройство.</p>",
                     "до любой оплаты или подписи", "бесплатно", "«Караван»: реестр агентств"),
                    ("Подпишите договор на понятном вам языке",
                     "<p>В нём указаны зарплата, рабочее время, место работы, жильё и кто "
                     "оплачивает дорогу.</p>", "до отъезда", "", ""),
                    ("Встаньте на миграционный учёт",
                     "<p>Ваше пребывание должно быть зарегистрировано в миграционной службе. "
                     "Часто это делает принимающая сторона или работодатель — попросите "
                     "подтверждение.</p>",
                     "в установленный срок после приезда (он может составлять несколько дней — "
                     "уточните)", "бесплатно", "Миграционная служба, ЦОН или egov.kz"),
                    ("Получите документ на работу до её начала",
                     "<p>Гражданам Кыргызстана достаточно трудового договора. Остальным — "
                     "разрешение, которое получает работодатель, или разрешение трудовому "
                     "иммигранту.</p>", "до первого рабочего дня",
                     "разрешение трудовому иммигранту: фиксированная ежемесячная сумма, своя в "
                     "каждом регионе (иллюстративно: несколько тысяч тенге)",
                     "Миграционная служба"),
                ],
                "checklist_heading": "Возьмите с собой",
                "checklist": ["Паспорт, действительный на весь срок поездки",
                              "Подписанный договор и его копию, оставленную дома",
                              "Миграционную карточку — храните до выезда",
                              "Телефоны вашего посольства и горячей линии",
                              "Фотографии документов, сохранённые отдельно"],
                "faq_heading": "Вопросы",
                "faq": [
                    ("Может ли работодатель забрать мой паспорт?",
                     "<p>Нет. Паспорт принадлежит вам. Работодатель или агентство могут "
                     "посмотреть его и снять копию, но не хранить у себя. Если паспорт забрали, "
                     "звоните на горячую линию или в полицию.</p>"),
                    ("Что делать, если не платят зарплату?",
                     "<p>Сохраните договор, расчётные листки и переписку. Обратитесь в трудовую "
                     "инспекцию или ресурсный центр либо подайте жалобу в «Караване», при "
                     "желании анонимно.</p>"),
                ],
                "hotline_message": "Вопросы о документах? Звоните",
            },
            "tg": {
                "title": "Кори қонунӣ дар Қазоқистон",
                "summary": "Пеш аз сафар: кадом ҳуҷҷат ҳуқуқи кор медиҳад, пас аз омадан чӣ тавр "
                           "ба қайд гирифта шавед ва корфармо ва агентиро чӣ тавр санҷед.",
                "intro": "<p>Дар Қазоқистон бисёр одамон аз кишварҳои ҳамсоя кор мекунанд. Кадом "
                         "ҳуҷҷат лозим аст, аз шаҳрвандӣ вобаста аст. Шаҳрвандони Қирғизистон — "
                         "узви Иттиҳоди иқтисодии Авруосиё — бе иҷозати корӣ, бо шартномаи "
                         "меҳнатии хаттӣ кор мекунанд. Шаҳрвандони дигар кишварҳо иҷозатеро, ки "
                         "корфармо мегирад, ё барои кор дар назди шахсони воқеӣ иҷозати муҳоҷири "
                         "меҳнатиро бо пардохти ҳармоҳаи пешакӣ лозим доранд.</p><p>Қоидаҳо ва "
                         "маблағҳо тағйир меёбанд. Ин саҳифа тарҳи умумиро медиҳад; тафсилотро "
                         "пеш аз сафар дар хадамоти муҳоҷират аниқ кунед.</p>",
                "steps_heading": "Қадам ба қадам",
                "steps": [
                    ("Пешниҳод ва агентиро санҷед",
                     "<p>Пешниҳоди хаттии корӣ ва рақами иҷозатномаи агентиро талаб кунед ва "
                     "онҳоро дар феҳристи «Корвон» ёбед. Ҳеҷ гоҳ барои ба кор ҷойгиршавӣ пул "
                     "насупоред.</p>",
                     "пеш аз ҳар гуна пардохт ё имзо", "ройгон", "«Корвон»: феҳристи агентиҳо"),
                    ("Шартномаро бо забоне, ки мефаҳмед, имзо кунед",
                     "<p>Дар он музд, вақти корӣ, ҷои кор, манзил ва кӣ роҳкиро медиҳад, "
                     "навишта шудааст.</p>", "пеш аз сафар", "", ""),
                    ("Ба қайди муҳоҷиратӣ гиред",
                     "<p>Будубоши шумо бояд дар хадамоти муҳоҷират ба қайд гирифта шавад. "
                     "Аксар вақт инро соҳибхона ё корфармо мекунад — тасдиқномаро талаб "
                     "кунед.</p>",
                     "дар мӯҳлати муқарраршуда пас аз омадан (он метавонад чанд рӯз бошад — "
                     "аниқ кунед)", "ройгон", "Хадамоти муҳоҷират, ЦОН ё egov.kz"),
                    ("Ҳуҷҷати кориро пеш аз оғози кор гиред",
                     "<p>Барои шаҳрвандони Қирғизистон шартномаи меҳнатӣ кифоя аст. Барои "
                     "дигарон — иҷозате, ки корфармо мегирад, ё иҷозати муҳоҷири меҳнатӣ.</p>",
                     "то рӯзи аввали кор",
                     "иҷозати муҳоҷири меҳнатӣ: маблағи собити ҳармоҳа, дар ҳар минтақа алоҳида "
                     "(намунавӣ: якчанд ҳазор тенге)", "Хадамоти муҳоҷират"),
                ],
                "checklist_heading": "Бо худ гиред",
                "checklist": ["Шиносномае, ки барои тамоми мӯҳлати сафар эътибор дорад",
                              "Шартномаи имзошуда ва нусхаи он, ки дар хона мемонад",
                              "Корти муҳоҷиратӣ — то баромадан нигоҳ доред",
                              "Рақамҳои телефони сафорат ва хати боварӣ",
                              "Аксҳои ҳуҷҷатҳо, ки алоҳида нигоҳ дошта мешаванд"],
                "faq_heading": "Саволҳо",
                "faq": [
                    ("Оё корфармо метавонад шиносномаи маро гирад?",
                     "<p>Не. Шиноснома аз они шумост. Корфармо ё агентӣ метавонад онро бубинад ва "
                     "нусха гирад, вале нигоҳ дошта наметавонад. Агар шиносномаро гирифтанд, ба "
                     "хати боварӣ ё ба полис занг занед.</p>"),
                    ("Агар музд надиҳанд, чӣ кор кунам?",
                     "<p>Шартнома, варақаҳои ҳисоб ва мукотибаро нигоҳ доред. Ба нозироти меҳнат "
                     "ё маркази захиравӣ муроҷиат кунед ё дар «Корвон» шикоят пешниҳод кунед, "
                     "агар хоҳед, беном.</p>"),
                ],
                "hotline_message": "Дар бораи ҳуҷҷатҳо савол доред? Занг занед",
            },
            "ky": {
                "title": "Казакстанда мыйзамдуу иштөө",
                "summary": "Сапарга чейин: кайсы документ иштөөгө укук берет, келгенден кийин "
                           "кантип каттоодон өтүү керек жана иш берүүчүнү, агенттикти кантип "
                           "текшерүү керек.",
                "intro": "<p>Казакстанда коңшу өлкөлөрдөн келген көп адамдар иштейт. Кандай "
                         "документ керек экени жарандыкка жараша болот. Евразия экономикалык "
                         "биримдигинин мүчөсү болгон Кыргызстандын жарандары иштөөгө уруксатсыз, "
                         "жазуу жүзүндөгү эмгек келишими менен иштешет. Башка өлкөлөрдүн "
                         "жарандарына иш берүүчү ала турган уруксат же жеке адамдарда иштөө үчүн "
                         "ай сайын алдын ала төлөнүүчү эмгек иммигрантына уруксат керек.</p>"
                         "<p>Эрежелер жана суммалар өзгөрөт. Бул бетте жалпы схема берилген; "
                         "чоо-жайын сапарга чейин миграциялык кызматтан тактаңыз.</p>",
                "steps_heading": "Кадам сайын",
                "steps": [
                    ("Сунушту жана агенттикти текшериңиз",
                     "<p>Жазуу жүзүндөгү жумуш сунушун жана агенттиктин лицензия номерин сурап, "
                     "аларды «Караван» реестринен табыңыз. Жумушка орношуу үчүн эч качан акча "
                     "төлөбөңүз.</p>",
                     "ар кандай төлөмдөн же кол коюудан мурун", "акысыз",
                     "«Караван»: агенттиктердин реестри"),
                    ("Келишимге өзүңүз түшүнгөн тилде кол коюңуз",
                     "<p>Анда эмгек акы, иш убактысы, иштеген жер, турак жай жана жол киресин ким "
                     "төлөөрү жазылат.</p>", "сапарга чейин", "", ""),
                    ("Миграциялык каттоодон өтүңүз",
                     "<p>Сиздин болушуңуз миграциялык кызматта катталышы керек. Көбүнчө муну "
                     "кабыл алуучу тарап же иш берүүчү жасайт — тастыктоочу документ "
                     "сураңыз.</p>",
                     "келгенден кийин белгиленген мөөнөттө (ал бир нече күн болушу мүмкүн — "
                     "тактаңыз)", "акысыз", "Миграциялык кызмат, ЦОН же egov.kz"),
                    ("Иштей баштаганга чейин иш документин алыңыз",
                     "<p>Кыргызстандын жарандарына эмгек келишими жетиштүү. Башкаларга — иш "
                     "берүүчү ала турган уруксат же эмгек иммигрантына уруксат.</p>",
                     "биринчи иш күнүнө чейин",
                     "эмгек иммигрантына уруксат: ар бир аймакта белгиленген ай сайын төлөнүүчү "
                     "туруктуу сумма (мисал катары: бир нече миң теңге)", "Миграциялык кызмат"),
                ],
                "checklist_heading": "Өзүңүз менен алыңыз",
                "checklist": ["Сапардын бүт мөөнөтүнө жарактуу паспорт",
                              "Кол коюлган келишим жана үйдө калтырылган көчүрмөсү",
                              "Миграциялык карта — чыгып кеткенге чейин сактаңыз",
                              "Элчиликтин жана ишеним телефонунун номерлери",
                              "Документтердин өзүнчө сакталган сүрөттөрү"],
                "faq_heading": "Суроолор",
                "faq": [
                    ("Иш берүүчү паспортумду алып калышы мүмкүнбү?",
                     "<p>Жок. Паспорт сиздики. Иш берүүчү же агенттик аны карап, көчүрмөсүн "
                     "алышы мүмкүн, бирок өзүндө сактай албайт. Эгер паспортуңузду алып "
                     "калышса, ишеним телефонуна же милицияга чалыңыз.</p>"),
                    ("Эмгек акы төлөнбөсө эмне кылуу керек?",
                     "<p>Келишимди, эсеп баракчаларын жана кат алышууларды сактаңыз. Эмгек "
                     "инспекциясына же ресурстук борборго кайрылыңыз, же «Караванда» даттануу "
                     "бериңиз, кааласаңыз, аты-жөнүңүздү көрсөтпөй.</p>"),
                ],
                "hotline_message": "Документтер боюнча суроолоруңуз барбы? Чалыңыз",
            },
            "uz": {
                "title": "Qozogʻistonda qonuniy ishlash",
                "summary": "Safardan oldin: qaysi hujjat ishlash huquqini beradi, kelgandan keyin "
                           "qanday roʻyxatdan oʻtish kerak va ish beruvchi hamda agentlikni "
                           "qanday tekshirish kerak.",
                "intro": "<p>Qozogʻistonda qoʻshni mamlakatlardan kelgan koʻplab odamlar "
                         "ishlaydi. Qaysi hujjat kerakligi fuqarolikka bogʻliq. Yevroosiyo "
                         "iqtisodiy ittifoqi aʼzosi boʻlgan Qirgʻiziston fuqarolari ishlashga "
                         "ruxsatnomasiz, yozma mehnat shartnomasi asosida ishlaydi. Boshqa "
                         "mamlakatlar fuqarolariga ish beruvchi oladigan ruxsatnoma yoki jismoniy "
                         "shaxslarda ishlash uchun har oy oldindan toʻlanadigan mehnat "
                         "immigrantiga ruxsatnoma kerak.</p><p>Qoidalar va summalar oʻzgarib "
                         "turadi. Bu sahifada umumiy tartib berilgan; tafsilotlarni safardan "
                         "oldin migratsiya xizmatidan aniqlang.</p>",
                "steps_heading": "Qadamma-qadam",
                "steps": [
                    ("Taklif va agentlikni tekshiring",
                     "<p>Yozma ish taklifini va agentlik litsenziyasi raqamini soʻrang va ularni "
                     "«Karvon» reyestridan toping. Ishga joylashish uchun hech qachon pul "
                     "toʻlamang.</p>",
                     "har qanday toʻlov yoki imzodan oldin", "bepul",
                     "«Karvon»: agentliklar reyestri"),
                    ("Shartnomani oʻzingiz tushunadigan tilda imzolang",
                     "<p>Unda ish haqi, ish vaqti, ish joyi, turar joy va yoʻl haqini kim "
                     "toʻlashi yozilgan boʻladi.</p>", "joʻnashdan oldin", "", ""),
                    ("Migratsiya hisobiga turing",
                     "<p>Sizning boʻlishingiz migratsiya xizmatida roʻyxatga olinishi kerak. "
                     "Koʻpincha buni qabul qiluvchi tomon yoki ish beruvchi qiladi — tasdiqlovchi "
                     "hujjat soʻrang.</p>",
                     "kelgandan keyin belgilangan muddatda (u bir necha kun boʻlishi mumkin — "
                     "aniqlang)", "bepul", "Migratsiya xizmati, AXM (ЦОН) yoki egov.kz"),
                    ("Ishni boshlashdan oldin ish hujjatini oling",
                     "<p>Qirgʻiziston fuqarolariga mehnat shartnomasi yetarli. Boshqalarga — ish "
                     "beruvchi oladigan ruxsatnoma yoki mehnat immigrantiga ruxsatnoma.</p>",
                     "birinchi ish kunigacha",
                     "mehnat immigrantiga ruxsatnoma: har bir viloyatda belgilangan oylik "
                     "qatʼiy summa (namuna sifatida: bir necha ming tenge)",
                     "Migratsiya xizmati"),
                ],
                "checklist_heading": "Oʻzingiz bilan oling",
                "checklist": ["Safarning butun muddatiga amal qiladigan pasport",
                              "Imzolangan shartnoma va uyda qoldirilgan nusxasi",
                              "Migratsiya kartasi — chiqib ketguningizcha saqlang",
                              "Elchixona va ishonch telefoni raqamlari",
                              "Hujjatlarning alohida saqlangan suratlari"],
                "faq_heading": "Savollar",
                "faq": [
                    ("Ish beruvchi pasportimni olib qolishi mumkinmi?",
                     "<p>Yoʻq. Pasport sizniki. Ish beruvchi yoki agentlik uni koʻrib, nusxa "
                     "olishi mumkin, lekin oʻzida saqlay olmaydi. Agar pasportingizni olib "
                     "qolishsa, ishonch telefoniga yoki politsiyaga qoʻngʻiroq qiling.</p>"),
                    ("Ish haqi toʻlanmasa nima qilish kerak?",
                     "<p>Shartnoma, hisob varaqalari va yozishmalarni saqlang. Mehnat "
                     "inspeksiyasiga yoki resurs markaziga murojaat qiling yoki «Karvon»da "
                     "shikoyat qoldiring, xohlasangiz, nomsiz.</p>"),
                ],
                "hotline_message": "Hujjatlar boʻyicha savollaringiz bormi? Qoʻngʻiroq qiling",
            },
        },
    },
    {
        "slug": "patents-explained", "audience": "prospective",
        "origins": ["TJ", "UZ"], "destinations": ["RU"],
        "period": ("2026-02-01", "2026-11-30"),
        "text": {
            "en": {
                "title": "Patents explained: working in Russia without a visa",
                "summary": "Citizens of Tajikistan and Uzbekistan need a patent to work in Russia. "
                           "How to get it, what it costs and how not to lose it.",
                "intro": "<p>A patent is the work document for citizens of countries that enter "
                         "Russia without a visa and are not members of the Eurasian Economic "
                         "Union, such as Tajikistan and Uzbekistan. Citizens of Kyrgyzstan and "
                         "Kazakhstan do not need one.</p><p>A patent is valid only in the region "
                         "that issued it, and only while the monthly fixed advance tax is paid on "
                         "time.</p>",
                "steps_heading": "How to get a patent",
                "steps": [
                    ("Enter with “work” as the purpose of your visit",
                     "<p>The purpose is written on the migration card at the border. With another "
                     "purpose you cannot obtain a patent.</p>", "at the border", "free",
                     "Border crossing"),
                    ("Have your address registered",
                     "<p>The host (landlord or employer) notifies the migration authority. Keep "
                     "the tear-off slip of the notification.</p>",
                     "after arrival (illustrative: 7 working days for most; check)", "free",
                     "Migration police, post office or public service centre"),
                    ("Apply for the patent",
                     "<p>Bring your passport, migration card, registration slip, medical "
                     "certificates, the certificate of the exam in Russian language, history and "
                     "basics of law, and a voluntary medical insurance policy. You will be "
                     "fingerprinted and photographed.</p>",
                     "within 30 days of entry",
                     "examinations, exam and insurance: several thousand roubles in total "
                     "(illustrative)", "Regional migration centre"),
                    ("Pay the monthly advance tax on time",
                     "<p>The amount is set by each region. Pay before the paid period ends and "
                     "keep every receipt: a payment late by even one day ends the patent.</p>",
                     "every month, before the paid period ends",
                     "Moscow: about 8,900 roubles per month in 2025 (illustrative)",
                     "Bank or tax service app"),
                    ("Check that your employer notifies the authorities",
                     "<p>The employer must report that it has hired you. Ask for your copy of the "
                     "employment contract.</p>",
                     "within a few working days of signing (illustrative: 3)", "", ""),
                ],
                "checklist_heading": "Always carry",
                "checklist": ["Passport and migration card", "Patent",
                              "Registration slip", "Receipts of the monthly payments",
                              "A copy of the employment contract"],
                "faq_heading": "Questions",
                "faq": [
                    ("Can I work in another region with my patent?",
                     "<p>No. A patent is valid only in the region that issued it. To work "
                     "elsewhere you need a patent of that region.</p>"),
                    ("Can I be paid less because I am a migrant?",
                     "<p>No. Labour law forbids discrimination by nationality. The wage and the "
                     "working hours in your contract follow the same rules as for everyone.</p>"),
                ],
                "hotline_message": "Not sure about a payment or a deadline? Call",
            },
            "ru": {
                "title": "Всё о патенте: работа в России без визы",
                "summary": "Гражданам Таджикистана и Узбекистана для работы в России нужен "
                           "патент. Как его получить, сколько он стоит и как его не потерять.",
                "intro": "<p>Патент — документ для работы граждан стран, которые въезжают в Россию "
                         "без визы и не входят в Евразийский экономический союз, например "
                         "Таджикистана и Узбекистана. Гражданам Кыргызстана и Казахстана патент "
                         "не нужен.</p><p>Патент действует только в регионе, который его выдал, и "
                         "только пока ежемесячный фиксированный авансовый платёж вносится "
                         "вовремя.</p>",
                "steps_heading": "Как получить патент",
                "steps": [
                    ("Въезжайте с целью визита «работа»",
                     "<p>Цель указывается в миграционной карте на границе. С другой целью патент "
                     "получить нельзя.</p>", "на границе", "бесплатно", "Пункт пропуска"),
                    ("Встаньте на миграционный учёт",
                     "<p>Принимающая сторона (арендодатель или работодатель) уведомляет "
                     "миграционный орган. Сохраните отрывную часть уведомления.</p>",
                     "после приезда (иллюстративно: для большинства 7 рабочих дней; уточните)",
                     "бесплатно", "Отдел по вопросам миграции, почта или МФЦ"),
                    ("Подайте документы на патент",
                     "<p>Паспорт, миграционная карта, отрывной талон, медицинские справки, "
                     "сертификат об экзамене по русскому языку, истории и основам "
                     "законодательства, полис ДМС. У вас снимут отпечатки пальцев и "
                     "сфотографируют.</p>",
                     "в течение 30 дней после въезда",
                     "медосмотр, экзамен и страховка: в сумме несколько тысяч рублей "
                     "(иллюстративно)", "Региональный миграционный центр"),
                    ("Вовремя платите ежемесячный авансовый платёж",
                     "<p>Сумма своя в каждом регионе. Платите до окончания оплаченного периода и "
                     "храните все чеки: опоздание даже на один день прекращает действие "
                     "патента.</p>",
                     "каждый месяц, до окончания оплаченного периода",
                     "Москва: около 8 900 рублей в месяц в 2025 году (иллюстративно)",
                     "Банк или приложение налоговой службы"),
                    ("Проверьте, что работодатель уведомил власти",
                     "<p>Работодатель обязан сообщить, что принял вас на работу. Попросите свой "
                     "экземпляр трудового договора.</p>",
                     "в течение нескольких рабочих дней после подписания (иллюстративно: 3)",
                     "", ""),
                ],
                "checklist_heading": "Всегда имейте при себе",
                "checklist": ["Паспорт и миграционную карту", "Патент",
                              "Отрывной талон о регистрации", "Чеки ежемесячных платежей",
                              "Копию трудового договора"],
                "faq_heading": "Вопросы",
                "faq": [
                    ("Можно ли с патентом работать в другом регионе?",
                     "<p>Нет. Патент действует только в регионе, который его выдал. Для работы в "
                     "другом регионе нужен патент этого региона.</p>"),
                    ("Могут ли мне платить меньше, потому что я мигрант?",
                     "<p>Нет. Трудовое законодательство запрещает дискриминацию по "
                     "национальности. Зарплата и рабочее время в договоре подчиняются тем же "
                     "правилам, что и для всех.</p>"),
                ],
                "hotline_message": "Сомневаетесь в платеже или сроке? Звоните",
            },
            "tg": {
                "title": "Ҳама чиз дар бораи патент: кор дар Русия бе раводид",
                "summary": "Ба шаҳрвандони Тоҷикистон ва Ӯзбекистон барои кор дар Русия патент "
                           "лозим аст. Чӣ тавр онро гирифтан, нархаш чанд аст ва чӣ тавр онро "
                           "гум накардан.",
                "intro": "<p>Патент ҳуҷҷати корӣ барои шаҳрвандони кишварҳоест, ки ба Русия бе "
                         "раводид ворид мешаванд ва узви Иттиҳоди иқтисодии Авруосиё нестанд, "
                         "масалан Тоҷикистон ва Ӯзбекистон. Ба шаҳрвандони Қирғизистон ва "
                         "Қазоқистон патент лозим нест.</p><p>Патент танҳо дар минтақае, ки онро "
                         "додааст, амал мекунад ва танҳо то вақте ки пардохти собити пешакии "
                         "ҳармоҳа сари вақт супорида мешавад.</p>",
                "steps_heading": "Чӣ тавр патент гирифтан мумкин аст",
                "steps": [
                    ("Бо мақсади сафар «кор» ворид шавед",
                     "<p>Мақсад дар корти муҳоҷиратӣ дар сарҳад навишта мешавад. Бо мақсади дигар "
                     "патент гирифтан мумкин нест.</p>", "дар сарҳад", "ройгон",
                     "Гузаргоҳи сарҳадӣ"),
                    ("Ба қайди муҳоҷиратӣ гиред",
                     "<p>Тарафи қабулкунанда (соҳиби манзил ё корфармо) ба мақомоти муҳоҷират "
                     "хабар медиҳад. Қисми ҷудошавандаи огоҳиномаро нигоҳ доред.</p>",
                     "пас аз омадан (намунавӣ: барои аксарият 7 рӯзи корӣ; аниқ кунед)",
                     "ройгон", "Шуъбаи муҳоҷират, почта ё МФЦ"),
                    ("Барои патент ҳуҷҷат супоред",
                     "<p>Шиноснома, корти муҳоҷиратӣ, қисми ҷудошаванда, маълумотномаҳои тиббӣ, "
                     "сертификати имтиҳон аз забони русӣ, таърих ва асосҳои қонунгузорӣ, "
                     "полиси суғуртаи ихтиёрии тиббӣ. Аз шумо нақши ангушт ва акс "
                     "мегиранд.</p>",
                     "дар давоми 30 рӯз пас аз ворид шудан",
                     "муоинаи тиббӣ, имтиҳон ва суғурта: ҳамагӣ якчанд ҳазор рубл (намунавӣ)",
                     "Маркази минтақавии муҳоҷират"),
                    ("Пардохти пешакии ҳармоҳаро сари вақт супоред",
                     "<p>Маблағ дар ҳар минтақа алоҳида аст. То анҷоми давраи пардохтшуда "
                     "супоред ва ҳамаи чекҳоро нигоҳ доред: дер мондан ҳатто як рӯз амали "
                     "патентро қатъ мекунад.</p>",
                     "ҳар моҳ, то анҷоми давраи пардохтшуда",
                     "Москва: тақрибан 8 900 рубл дар як моҳ дар соли 2025 (намунавӣ)",
                     "Бонк ё барномаи хадамоти андоз"),
                    ("Санҷед, ки корфармо ба мақомот хабар дод",
                     "<p>Корфармо вазифадор аст хабар диҳад, ки шуморо ба кор қабул кардааст. "
                     "Нусхаи шартномаи меҳнатии худро талаб кунед.</p>",
                     "дар давоми якчанд рӯзи корӣ пас аз имзо (намунавӣ: 3)", "", ""),
                ],
                "checklist_heading": "Ҳамеша бо худ дошта бошед",
                "checklist": ["Шиноснома ва корти муҳоҷиратӣ", "Патент",
                              "Қисми ҷудошавандаи бақайдгирӣ", "Чекҳои пардохтҳои ҳармоҳа",
                              "Нусхаи шартномаи меҳнатӣ"],
                "faq_heading": "Саволҳо",
                "faq": [
                    ("Оё бо патент дар минтақаи дигар кор кардан мумкин аст?",
                     "<p>Не. Патент танҳо дар минтақае, ки онро додааст, амал мекунад. Барои кор "
                     "дар минтақаи дигар патенти ҳамон минтақа лозим аст.</p>"),
                    ("Оё ба ман камтар музд дода метавонанд, чунки ман муҳоҷирам?",
                     "<p>Не. Қонунгузории меҳнат табъизро аз рӯи миллат манъ мекунад. Музд ва "
                     "вақти корӣ дар шартнома ба ҳамон қоидаҳое, ки барои ҳама ҳастанд, "
                     "тобеъанд.</p>"),
                ],
                "hotline_message": "Дар бораи пардохт ё мӯҳлат шубҳа доред? Занг занед",
            },
            "ky": {
                "title": "Патент жөнүндө баары: Орусияда визасыз иштөө",
                "summary": "Тажикстандын жана Өзбекстандын жарандарына Орусияда иштөө үчүн патент "
                           "керек. Аны кантип алуу, канча турат жана аны кантип жоготпоо керек.",
                "intro": "<p>Патент — Орусияга визасыз кирген жана Евразия экономикалык "
                         "биримдигине кирбеген өлкөлөрдүн, мисалы, Тажикстандын жана Өзбекстандын "
                         "жарандары үчүн иш документи. Кыргызстандын жана Казакстандын "
                         "жарандарына патент керек эмес.</p><p>Патент аны берген аймакта гана "
                         "жана ай сайын төлөнүүчү туруктуу аванстык төлөм өз убагында төлөнүп "
                         "турганда гана жарактуу.</p>",
                "steps_heading": "Патентти кантип алуу керек",
                "steps": [
                    ("Келүүнүн максаты «иш» деп кириңиз",
                     "<p>Максат чек арада миграциялык картага жазылат. Башка максат менен патент "
                     "алууга болбойт.</p>", "чек арада", "акысыз", "Өткөрүү пункту"),
                    ("Миграциялык каттоодон өтүңүз",
                     "<p>Кабыл алуучу тарап (үй ээси же иш берүүчү) миграциялык органга "
                     "билдирет. Билдирменин айрылма бөлүгүн сактаңыз.</p>",
                     "келгенден кийин (мисал катары: көпчүлүк үчүн 7 иш күнү; тактаңыз)",
                     "акысыз", "Миграция бөлүмү, почта же МФЦ"),
                    ("Патентке документ тапшырыңыз",
                     "<p>Паспорт, миграциялык карта, айрылма талон, медициналык маалымкаттар, "
                     "орус тили, тарых жана мыйзамдардын негиздери боюнча экзамендин "
                     "сертификаты, ыктыярдуу медициналык камсыздандыруу полиси. Манжа изиңизди "
                     "алып, сүрөткө тартышат.</p>",
                     "кирген күндөн тартып 30 күндүн ичинде",
                     "медициналык кароо, экзамен жана камсыздандыруу: жалпысынан бир нече миң "
                     "рубль (мисал катары)", "Аймактык миграциялык борбор"),
                    ("Ай сайын аванстык төлөмдү өз убагында төлөңүз",
                     "<p>Сумма ар бир аймакта өзүнчө. Төлөнгөн мөөнөт бүткөнгө чейин төлөп, бардык "
                     "чектерди сактаңыз: бир күн кечигүү да патенттин күчүн жоготот.</p>",
                     "ай сайын, төлөнгөн мөөнөт бүткөнгө чейин",
                     "Москва: 2025-жылы айына болжол менен 8 900 рубль (мисал катары)",
                     "Банк же салык кызматынын тиркемеси"),
                    ("Иш берүүчү бийликке билдиргенин текшериңиз",
                     "<p>Иш берүүчү сизди жумушка алганын билдирүүгө милдеттүү. Эмгек "
                     "келишиминин өз нускаңызды сураңыз.</p>",
                     "кол койгондон кийин бир нече иш күнүнүн ичинде (мисал катары: 3)", "", ""),
                ],
                "checklist_heading": "Дайыма жаныңызда болсун",
                "checklist": ["Паспорт жана миграциялык карта", "Патент",
                              "Каттоонун айрылма талону", "Ай сайынкы төлөмдөрдүн чектери",
                              "Эмгек келишиминин көчүрмөсү"],
                "faq_heading": "Суроолор",
                "faq": [
                    ("Патент менен башка аймакта иштесе болобу?",
                     "<p>Жок. Патент аны берген аймакта гана жарактуу. Башка аймакта иштөө үчүн "
                     "ошол аймактын патенти керек.</p>"),
                    ("Мигрант болгонум үчүн мага азыраак төлөшү мүмкүнбү?",
                     "<p>Жок. Эмгек мыйзамдары улутуна карап басмырлоого тыюу салат. "
                     "Келишимдеги эмгек акы жана иш убактысы баарына бирдей эрежелерге "
                     "баш ийет.</p>"),
                ],
                "hotline_message": "Төлөм же мөөнөт боюнча күмөнүңүз барбы? Чалыңыз",
            },
            "uz": {
                "title": "Patent haqida hammasi: Rossiyada vizasiz ishlash",
                "summary": "Tojikiston va Oʻzbekiston fuqarolariga Rossiyada ishlash uchun patent "
                           "kerak. Uni qanday olish, qancha turishi va uni qanday yoʻqotmaslik.",
                "intro": "<p>Patent — Rossiyaga vizasiz kiradigan va Yevroosiyo iqtisodiy "
                         "ittifoqiga aʼzo boʻlmagan mamlakatlar, masalan Tojikiston va Oʻzbekiston "
                         "fuqarolari uchun ish hujjati. Qirgʻiziston va Qozogʻiston fuqarolariga "
                         "patent kerak emas.</p><p>Patent faqat uni bergan hududda va faqat "
                         "oylik qatʼiy avans toʻlovi oʻz vaqtida toʻlanib turganda amal "
                         "qiladi.</p>",
                "steps_heading": "Patentni qanday olish mumkin",
                "steps": [
                    ("Tashrif maqsadini «ish» deb kiring",
                     "<p>Maqsad chegarada migratsiya kartasiga yoziladi. Boshqa maqsad bilan "
                     "patent olib boʻlmaydi.</p>", "chegarada", "bepul", "Chegara punkti"),
                    ("Migratsiya hisobiga turing",
                     "<p>Qabul qiluvchi tomon (uy egasi yoki ish beruvchi) migratsiya organini "
                     "xabardor qiladi. Xabarnomaning yirtib olinadigan qismini saqlang.</p>",
                     "kelgandan keyin (namuna sifatida: koʻpchilik uchun 7 ish kuni; aniqlang)",
                     "bepul", "Migratsiya boʻlimi, pochta yoki MFTs"),
                    ("Patent uchun hujjat topshiring",
                     "<p>Pasport, migratsiya kartasi, yirtib olinadigan talon, tibbiy "
                     "maʼlumotnomalar, rus tili, tarix va qonunchilik asoslari boʻyicha imtihon "
                     "sertifikati, ixtiyoriy tibbiy sugʻurta polisi. Barmoq izlaringiz olinadi "
                     "va suratga tushirilasiz.</p>",
                     "kirgandan keyin 30 kun ichida",
                     "tibbiy koʻrik, imtihon va sugʻurta: jami bir necha ming rubl (namuna "
                     "sifatida)", "Hududiy migratsiya markazi"),
                    ("Oylik avans toʻlovini oʻz vaqtida toʻlang",
                     "<p>Summa har bir hududda alohida. Toʻlangan muddat tugagunga qadar toʻlang "
                     "va barcha cheklarni saqlang: hatto bir kunlik kechikish patentni bekor "
                     "qiladi.</p>",
                     "har oy, toʻlangan muddat tugagunga qadar",
                     "Moskva: 2025-yilda oyiga taxminan 8 900 rubl (namuna sifatida)",
                     "Bank yoki soliq xizmati ilovasi"),
                    ("Ish beruvchi hokimiyatni xabardor qilganini tekshiring",
                     "<p>Ish beruvchi sizni ishga olganini xabar qilishi shart. Mehnat "
                     "shartnomasining oʻz nusxangizni soʻrang.</p>",
                     "imzolangandan keyin bir necha ish kuni ichida (namuna sifatida: 3)", "", ""),
                ],
                "checklist_heading": "Doim yoningizda boʻlsin",
                "checklist": ["Pasport va migratsiya kartasi", "Patent",
                              "Roʻyxatdan oʻtish talonining yirtib olinadigan qismi",
                              "Oylik toʻlovlar cheklari", "Mehnat shartnomasi nusxasi"],
                "faq_heading": "Savollar",
                "faq": [
                    ("Patent bilan boshqa hududda ishlash mumkinmi?",
                     "<p>Yoʻq. Patent faqat uni bergan hududda amal qiladi. Boshqa hududda "
                     "ishlash uchun oʻsha hududning patenti kerak.</p>"),
                    ("Muhojir boʻlganim uchun menga kamroq toʻlashlari mumkinmi?",
                     "<p>Yoʻq. Mehnat qonunchiligi millatiga koʻra kamsitishni taqiqlaydi. "
                     "Shartnomadagi ish haqi va ish vaqti hamma uchun bir xil qoidalarga "
                     "boʻysunadi.</p>"),
                ],
                "hotline_message": "Toʻlov yoki muddat boʻyicha shubhangiz bormi? Qoʻngʻiroq qiling",
            },
        },
    },
    {
        "slug": "recruitment-fees", "audience": "all",
        "origins": [], "destinations": [],
        "period": ("2026-01-15", None),
        "text": {
            "en": {
                "title": "Recruitment fees are the employer's to pay",
                "summary": "No worker pays for a job. If an agency asks you for money to find you "
                           "work, it is breaking the rules: do not pay, and report it.",
                "intro": "<p>Under the international principles of fair recruitment (ILO) that the "
                         "Karavan countries follow, recruitment fees and related costs are paid by "
                         "the employer, never by the worker. This covers the agency's fee and "
                         "costs such as visas, medical checks, training the employer requires and "
                         "travel the agency organises.</p><p>A licensed agency that charges "
                         "workers risks losing its licence. An agency without a licence may not "
                         "recruit at all.</p>",
                "steps_heading": "If someone asks you to pay",
                "steps": [
                    ("Do not pay, and do not hand over your passport", "", "", "", ""),
                    ("Ask for the request in writing",
                     "<p>A message, a receipt or a photo of a price list is evidence.</p>",
                     "", "", ""),
                    ("Check the agency",
                     "<p>Look up its name or licence number in the Karavan registry. A genuine job "
                     "offer can be verified by its number.</p>", "", "free",
                     "Karavan: registry and verification"),
                    ("Report it",
                     "<p>File a complaint in Karavan, from home or from abroad, anonymously if you "
                     "wish. Complaints have deadlines, and their outcomes count when the agency "
                     "asks to renew its licence.</p>", "as soon as you can", "free",
                     "Karavan: report a problem"),
                ],
                "checklist_heading": "Warning signs",
                "checklist": ["Payment “for the place” or “for the visa” before departure",
                              "No written contract, or one only in a language you cannot read",
                              "The agency wants to keep your passport",
                              "A wage far above what others offer for the same work",
                              "No licence number, or a number not found in the registry"],
                "faq_heading": "Questions",
                "faq": [
                    ("I have already paid. Can I still complain?",
                     "<p>Yes. Keep receipts and messages. Your complaint helps you and protects "
                     "the next workers.</p>"),
                    ("Who pays for my medical check and visa?",
                     "<p>The employer, or the agency on its behalf. They are costs of "
                     "recruitment.</p>"),
                ],
                "hotline_message": "Were you asked to pay for a job? Call",
            },
            "ru": {
                "title": "Плату за наём вносит работодатель",
                "summary": "Работник не платит за работу. Если агентство просит у вас деньги за "
                           "трудоустройство, оно нарушает правила: не платите и сообщите об "
                           "этом.",
                "intro": "<p>По международным принципам справедливого найма (МОТ), которым следуют "
                         "страны «Каравана», плату за наём и связанные с ним расходы несёт "
                         "работодатель, а не работник. Это касается вознаграждения агентства и "
                         "таких расходов, как визы, медосмотры, обучение по требованию "
                         "работодателя и дорога, которую организует агентство.</p><p>Лицензированное "
                         "агентство, которое берёт деньги с работников, рискует лишиться "
                         "лицензии. Агентство без лицензии не вправе заниматься наймом вовсе.</p>",
                "steps_heading": "Если у вас просят деньги",
                "steps": [
                    ("Не платите и не отдавайте паспорт", "", "", "", ""),
                    ("Попросите требование в письменном виде",
                     "<p>Сообщение, квитанция или фото прайс-листа — это доказательства.</p>",
                     "", "", ""),
                    ("Проверьте агентство",
                     "<p>Найдите его название или номер лицензии в реестре «Каравана». "
                     "Подлинность предложения о работе можно проверить по его номеру.</p>",
                     "", "бесплатно", "«Караван»: реестр и проверка"),
                    ("Сообщите о нарушении",
                     "<p>Подайте жалобу в «Караване» из дома или из-за границы, при желании "
                     "анонимно. У жалоб есть сроки рассмотрения, а их итоги учитываются при "
                     "продлении лицензии агентства.</p>", "как можно скорее", "бесплатно",
                     "«Караван»: сообщить о проблеме"),
                ],
                "checklist_heading": "Тревожные признаки",
                "checklist": ["Плата «за место» или «за визу» до отъезда",
                              "Нет письменного договора или он на непонятном вам языке",
                              "Агентство хочет оставить ваш паспорт у себя",
                              "Зарплата намного выше, чем у других за ту же работу",
                              "Нет номера лицензии или номера нет в реестре"],
                "faq_heading": "Вопросы",
                "faq": [
                    ("Я уже заплатил. Можно ли ещё пожаловаться?",
                     "<p>Да. Сохраните квитанции и переписку. Жалоба поможет вам и защитит "
                     "следующих работников.</p>"),
                    ("Кто платит за медосмотр и визу?",
                     "<p>Работодатель или агентство от его имени. Это расходы на наём.</p>"),
                ],
                "hotline_message": "С вас требуют деньги за работу? Звоните",
            },
            "tg": {
                "title": "Ҳаққи ба кор қабулкуниро корфармо месупорад",
                "summary": "Коргар барои кор пул намедиҳад. Агар агентӣ аз шумо барои ба кор "
                           "ҷойгиркунӣ пул талаб кунад, қоидаҳоро вайрон мекунад: пул насупоред "
                           "ва дар ин бора хабар диҳед.",
                "intro": "<p>Тибқи принсипҳои байналмилалии ба кор қабулкунии одилона (СБМ), ки "
                         "кишварҳои «Корвон» риоя мекунанд, ҳаққи ба кор қабулкунӣ ва хароҷоти "
                         "марбут ба онро корфармо мепардозад, на коргар. Ин ба ҳаққи агентӣ ва "
                         "хароҷоте чун раводид, муоинаи тиббӣ, омӯзиш бо талаби корфармо ва "
                         "роҳкирое, ки агентӣ ташкил мекунад, дахл дорад.</p><p>Агентии "
                         "иҷозатномадор, ки аз коргарон пул мегирад, метавонад иҷозатномаашро аз "
                         "даст диҳад. Агентии бе иҷозатнома умуман ҳақ надорад ба кор қабул "
                         "кунад.</p>",
                "steps_heading": "Агар аз шумо пул талаб кунанд",
                "steps": [
                    ("Пул насупоред ва шиносномаро надиҳед", "", "", "", ""),
                    ("Талабро ба таври хаттӣ пурсед",
                     "<p>Паём, квитансия ё акси рӯйхати нархҳо далел аст.</p>", "", "", ""),
                    ("Агентиро санҷед",
                     "<p>Ном ё рақами иҷозатномаи онро дар феҳристи «Корвон» ёбед. Аслияти "
                     "пешниҳоди кориро аз рӯи рақамаш санҷидан мумкин аст.</p>", "", "ройгон",
                     "«Корвон»: феҳрист ва санҷиш"),
                    ("Дар бораи вайронкунӣ хабар диҳед",
                     "<p>Дар «Корвон» аз хона ё аз хориҷа шикоят пешниҳод кунед, агар хоҳед, "
                     "беном. Шикоятҳо мӯҳлати баррасӣ доранд ва натиҷаи онҳо ҳангоми тамдиди "
                     "иҷозатномаи агентӣ ба назар гирифта мешавад.</p>", "ҳар чӣ зудтар",
                     "ройгон", "«Корвон»: хабар додан дар бораи мушкил"),
                ],
                "checklist_heading": "Нишонаҳои хатар",
                "checklist": ["Пардохт «барои ҷой» ё «барои раводид» пеш аз сафар",
                              "Шартномаи хаттӣ нест ё он бо забоне аст, ки намефаҳмед",
                              "Агентӣ мехоҳад шиносномаи шуморо нигоҳ дорад",
                              "Музд нисбат ба дигарон барои ҳамон кор хеле баланд аст",
                              "Рақами иҷозатнома нест ё он дар феҳрист ёфт намешавад"],
                "faq_heading": "Саволҳо",
                "faq": [
                    ("Ман аллакай пул додам. Оё ҳоло ҳам шикоят кардан мумкин аст?",
                     "<p>Ҳа. Квитансияҳо ва мукотибаро нигоҳ доред. Шикоят ба шумо кӯмак мекунад "
                     "ва коргарони ояндаро ҳифз менамояд.</p>"),
                    ("Муоинаи тиббӣ ва раводидро кӣ мепардозад?",
                     "<p>Корфармо ё агентӣ аз номи ӯ. Ин хароҷоти ба кор қабулкунӣ аст.</p>"),
                ],
                "hotline_message": "Аз шумо барои кор пул талаб мекунанд? Занг занед",
            },
            "ky": {
                "title": "Жумушка алуу акысын иш берүүчү төлөйт",
                "summary": "Жумушчу жумуш үчүн акча төлөбөйт. Эгер агенттик жумушка орноштуруу "
                           "үчүн сизден акча сураса, ал эрежелерди бузуп жатат: төлөбөңүз жана "
                           "бул тууралуу кабарлаңыз.",
                "intro": "<p>«Караван» өлкөлөрү карманган адилет жумушка алуунун эл аралык "
                         "принциптерине (ЭЭУ) ылайык, жумушка алуу акысын жана ага байланыштуу "
                         "чыгымдарды жумушчу эмес, иш берүүчү төлөйт. Бул агенттиктин акысына "
                         "жана виза, медициналык кароо, иш берүүчүнүн талабы боюнча окутуу жана "
                         "агенттик уюштурган жол сыяктуу чыгымдарга тиешелүү.</p><p>Жумушчулардан "
                         "акча алган лицензиясы бар агенттик лицензиясынан ажырашы мүмкүн. "
                         "Лицензиясы жок агенттик такыр эле жумушка ала албайт.</p>",
                "steps_heading": "Эгер сизден акча сурашса",
                "steps": [
                    ("Төлөбөңүз жана паспортуңузду бербеңиз", "", "", "", ""),
                    ("Талапты жазуу жүзүндө сураңыз",
                     "<p>Билдирүү, дүмүрчөк же баалар тизмесинин сүрөтү — далил.</p>",
                     "", "", ""),
                    ("Агенттикти текшериңиз",
                     "<p>Анын аталышын же лицензия номерин «Караван» реестринен табыңыз. Жумуш "
                     "сунушунун чындыгын анын номери боюнча текшерсе болот.</p>", "", "акысыз",
                     "«Караван»: реестр жана текшерүү"),
                    ("Бузуу жөнүндө кабарлаңыз",
                     "<p>«Караванда» үйдөн же чет өлкөдөн даттануу бериңиз, кааласаңыз, "
                     "аты-жөнүңүздү көрсөтпөй. Даттануулардын кароо мөөнөтү бар, алардын "
                     "жыйынтыгы агенттиктин лицензиясын узартууда эске алынат.</p>",
                     "мүмкүн болушунча тезирээк", "акысыз", "«Караван»: көйгөй тууралуу кабарлоо"),
                ],
                "checklist_heading": "Коркунучтуу белгилер",
                "checklist": ["Сапарга чейин «орун үчүн» же «виза үчүн» төлөм",
                              "Жазуу жүзүндөгү келишим жок же ал сиз түшүнбөгөн тилде",
                              "Агенттик паспортуңузду өзүндө калтыргысы келет",
                              "Эмгек акы ошол эле иш үчүн башкалардыкынан алда канча жогору",
                              "Лицензия номери жок же номер реестрде табылбайт"],
                "faq_heading": "Суроолор",
                "faq": [
                    ("Мен буга чейин төлөп койдум. Даттанууга болобу?",
                     "<p>Ооба. Дүмүрчөктөрдү жана кат алышууларды сактаңыз. Даттануу сизге жардам "
                     "берет жана кийинки жумушчуларды коргойт.</p>"),
                    ("Медициналык кароо менен визаны ким төлөйт?",
                     "<p>Иш берүүчү же анын атынан агенттик. Булар жумушка алуу чыгымдары.</p>"),
                ],
                "hotline_message": "Сизден жумуш үчүн акча талап кылышабы? Чалыңыз",
            },
            "uz": {
                "title": "Yollash haqini ish beruvchi toʻlaydi",
                "summary": "Ishchi ish uchun pul toʻlamaydi. Agar agentlik sizdan ishga "
                           "joylashtirish uchun pul soʻrasa, u qoidalarni buzmoqda: toʻlamang va "
                           "bu haqda xabar bering.",
                "intro": "<p>«Karvon» mamlakatlari amal qiladigan adolatli yollashning xalqaro "
                         "tamoyillariga (XMT) koʻra, yollash haqi va unga bogʻliq xarajatlarni "
                         "ishchi emas, ish beruvchi toʻlaydi. Bu agentlik haqiga hamda viza, "
                         "tibbiy koʻrik, ish beruvchi talab qilgan oʻqitish va agentlik tashkil "
                         "qilgan yoʻl kabi xarajatlarga taalluqli.</p><p>Ishchilardan pul oladigan "
                         "litsenziyali agentlik litsenziyasidan ayrilishi mumkin. Litsenziyasiz "
                         "agentlik umuman yollash bilan shugʻullana olmaydi.</p>",
                "steps_heading": "Agar sizdan pul soʻrashsa",
                "steps": [
                    ("Toʻlamang va pasportingizni bermang", "", "", "", ""),
                    ("Talabni yozma ravishda soʻrang",
                     "<p>Xabar, kvitansiya yoki narxlar roʻyxatining surati — dalil.</p>",
                     "", "", ""),
                    ("Agentlikni tekshiring",
                     "<p>Uning nomi yoki litsenziya raqamini «Karvon» reyestridan toping. Ish "
                     "taklifining haqiqiyligini uning raqami boʻyicha tekshirish mumkin.</p>",
                     "", "bepul", "«Karvon»: reyestr va tekshiruv"),
                    ("Qoidabuzarlik haqida xabar bering",
                     "<p>«Karvon»da uydan yoki chet eldan shikoyat qoldiring, xohlasangiz, "
                     "nomsiz. Shikoyatlarning koʻrib chiqish muddati bor va ularning natijasi "
                     "agentlik litsenziyasini uzaytirishda hisobga olinadi.</p>",
                     "imkon qadar tezroq", "bepul", "«Karvon»: muammo haqida xabar berish"),
                ],
                "checklist_heading": "Xavf belgilari",
                "checklist": ["Joʻnashdan oldin «joy uchun» yoki «viza uchun» toʻlov",
                              "Yozma shartnoma yoʻq yoki u siz tushunmaydigan tilda",
                              "Agentlik pasportingizni oʻzida qoldirmoqchi",
                              "Ish haqi xuddi shu ish uchun boshqalarnikidan ancha yuqori",
                              "Litsenziya raqami yoʻq yoki raqam reyestrda topilmaydi"],
                "faq_heading": "Savollar",
                "faq": [
                    ("Men allaqachon toʻlab qoʻydim. Shikoyat qilsam boʻladimi?",
                     "<p>Ha. Kvitansiyalar va yozishmalarni saqlang. Shikoyat sizga yordam "
                     "beradi va keyingi ishchilarni himoya qiladi.</p>"),
                    ("Tibbiy koʻrik va vizani kim toʻlaydi?",
                     "<p>Ish beruvchi yoki uning nomidan agentlik. Bular yollash "
                     "xarajatlari.</p>"),
                ],
                "hotline_message": "Sizdan ish uchun pul talab qilishyaptimi? Qoʻngʻiroq qiling",
            },
        },
    },
    {
        "slug": "women-migrant-workers", "audience": "women",
        "origins": ["KG", "TJ", "UZ"], "destinations": ["KZ", "RU"],
        "period": ("2026-03-08", "2026-09-30"),
        "text": {
            "en": {
                "title": "Safety and rights for women migrant workers",
                "summary": "Your contract, your wage and your documents are yours. What to agree "
                           "before departure, warning signs of exploitation and where to get help "
                           "at any hour.",
                "intro": "<p>Women work abroad in care, cleaning, hotels, farming and factories. "
                         "They have the same rights as every worker: a written contract, the "
                         "agreed wage paid in full and on time, rest days and safe housing.</p>"
                         "<p>Nobody may take your passport, limit where you go or make you pay off "
                         "a debt for your job.</p>",
                "steps_heading": "Before you leave",
                "steps": [
                    ("Tell someone you trust where you are going",
                     "<p>Leave them the names and addresses of the employer and the agency, and "
                     "copies of your passport and contract.</p>", "", "", ""),
                    ("Check the employer and the agency",
                     "<p>Use the registry and the verification page. Be careful with offers "
                     "received only through social networks.</p>", "", "free", "Karavan"),
                    ("Agree on housing in writing",
                     "<p>Where you will live, with whom, and whether you pay for it.</p>",
                     "", "", ""),
                    ("Save the emergency numbers",
                     "<p>112 works in Kazakhstan and Russia, free of charge, at any hour.</p>",
                     "", "free", ""),
                ],
                "checklist_heading": "Warning signs of trafficking or forced labour",
                "checklist": ["Someone keeps your passport or phone",
                              "You are told you owe a debt for your travel or your job",
                              "You may not leave the workplace or the house",
                              "The work is not what was promised",
                              "Threats against you or your family"],
                "faq_heading": "Questions",
                "faq": [
                    ("Where can I go if I feel unsafe?",
                     "<p>Call 112 in an emergency. A resource centre or your embassy can help you "
                     "find shelter and return home safely.</p>"),
                    ("Can I be dismissed because I am pregnant?",
                     "<p>No. The labour laws of Kazakhstan and Russia forbid the employer to "
                     "dismiss a pregnant worker, except when the company closes. Keep your "
                     "medical certificates.</p>"),
                ],
                "hotline_message": "Need advice, in confidence? Call",
            },
            "ru": {
                "title": "Безопасность и права женщин-трудовых мигрантов",
                "summary": "Ваш договор, ваша зарплата и ваши документы принадлежат вам. О чём "
                           "договориться до отъезда, признаки эксплуатации и где получить помощь "
                           "в любое время.",
                "intro": "<p>Женщины работают за рубежом в сфере ухода, уборки, в гостиницах, в "
                         "сельском хозяйстве и на производстве. У них те же права, что у любого "
                         "работника: письменный договор, согласованная зарплата полностью и в "
                         "срок, выходные дни и безопасное жильё.</p><p>Никто не вправе забирать "
                         "ваш паспорт, ограничивать ваше передвижение или заставлять отрабатывать "
                         "«долг» за работу.</p>",
                "steps_heading": "До отъезда",
                "steps": [
                    ("Расскажите близкому человеку, куда вы едете",
                     "<p>Оставьте ему названия и адреса работодателя и агентства, копии паспорта "
                     "и договора.</p>", "", "", ""),
                    ("Проверьте работодателя и агентство",
                     "<p>Воспользуйтесь реестром и страницей проверки. Будьте осторожны с "
                     "предложениями, полученными только через социальные сети.</p>", "",
                     "бесплатно", "«Караван»"),
                    ("Договоритесь о жилье письменно",
                     "<p>Где вы будете жить, с кем и платите ли вы за это.</p>", "", "", ""),
                    ("Сохраните экстренные номера",
                     "<p>112 работает в Казахстане и России, бесплатно и круглосуточно.</p>",
                     "", "бесплатно", ""),
                ],
                "checklist_heading": "Признаки торговли людьми или принудительного труда",
                "checklist": ["Кто-то держит у себя ваш паспорт или телефон",
                              "Вам говорят, что вы должны за дорогу или за работу",
                              "Вам не разрешают покидать место работы или дом",
                              "Работа не та, что была обещана",
                              "Угрозы вам или вашей семье"],
                "faq_heading": "Вопросы",
                "faq": [
                    ("Куда обратиться, если я чувствую себя в опасности?",
                     "<p>В экстренной ситуации звоните 112. Ресурсный центр или посольство "
                     "помогут найти убежище и безопасно вернуться домой.</p>"),
                    ("Могут ли меня уволить из-за беременности?",
                     "<p>Нет. Трудовое законодательство Казахстана и России запрещает "
                     "работодателю увольнять беременную работницу, кроме случая ликвидации "
                     "организации. Сохраняйте медицинские справки.</p>"),
                ],
                "hotline_message": "Нужен совет, конфиденциально? Звоните",
            },
            "tg": {
                "title": "Бехатарӣ ва ҳуқуқҳои занони муҳоҷири меҳнатӣ",
                "summary": "Шартнома, музд ва ҳуҷҷатҳои шумо аз они шумоянд. Пеш аз сафар дар бораи "
                           "чӣ бояд мувофиқа кард, нишонаҳои истисмор ва дар куҷо дар ҳар вақт "
                           "кӯмак гирифтан мумкин аст.",
                "intro": "<p>Занон дар хориҷа дар соҳаи нигоҳубин, тозакунӣ, меҳмонхонаҳо, "
                         "кишоварзӣ ва истеҳсолот кор мекунанд. Онҳо ҳамон ҳуқуқҳоеро доранд, ки "
                         "ҳар як коргар дорад: шартномаи хаттӣ, музди мувофиқашуда пурра ва сари "
                         "вақт, рӯзҳои истироҳат ва манзили бехатар.</p><p>Ҳеҷ кас ҳақ надорад "
                         "шиносномаи шуморо гирад, ҳаракати шуморо маҳдуд кунад ё маҷбур кунад, "
                         "ки «қарз»-ро барои кор адо кунед.</p>",
                "steps_heading": "Пеш аз сафар",
                "steps": [
                    ("Ба шахси боэътимод гӯед, ки ба куҷо меравед",
                     "<p>Ном ва суроғаи корфармо ва агентӣ, нусхаи шиноснома ва шартномаро ба ӯ "
                     "гузоред.</p>", "", "", ""),
                    ("Корфармо ва агентиро санҷед",
                     "<p>Аз феҳрист ва саҳифаи санҷиш истифода баред. Бо пешниҳодҳое, ки танҳо "
                     "тавассути шабакаҳои иҷтимоӣ омадаанд, эҳтиёт бошед.</p>", "", "ройгон",
                     "«Корвон»"),
                    ("Дар бораи манзил хаттӣ мувофиқа кунед",
                     "<p>Дар куҷо, бо кӣ зиндагӣ мекунед ва оё барои он пул медиҳед.</p>",
                     "", "", ""),
                    ("Рақамҳои фавқулоддаро нигоҳ доред",
                     "<p>112 дар Қазоқистон ва Русия ройгон ва шабонарӯзӣ кор мекунад.</p>",
                     "", "ройгон", ""),
                ],
                "checklist_heading": "Нишонаҳои савдои одамон ё кори маҷбурӣ",
                "checklist": ["Касе шиноснома ё телефони шуморо нигоҳ медорад",
                              "Ба шумо мегӯянд, ки барои роҳ ё кор қарздоред",
                              "Ба шумо иҷозат намедиҳанд, ки ҷои кор ё хонаро тарк кунед",
                              "Кор он чизе нест, ки ваъда дода буданд",
                              "Таҳдид ба шумо ё оилаатон"],
                "faq_heading": "Саволҳо",
                "faq": [
                    ("Агар худро дар хатар ҳис кунам, ба куҷо муроҷиат кунам?",
                     "<p>Дар ҳолати фавқулодда ба 112 занг занед. Маркази захиравӣ ё сафорат ба "
                     "ёфтани паноҳгоҳ ва бехатар ба ватан баргаштан кӯмак мекунанд.</p>"),
                    ("Оё маро барои ҳомиладорӣ аз кор озод карда метавонанд?",
                     "<p>Не. Қонунгузории меҳнатии Қазоқистон ва Русия ба корфармо манъ мекунад, "
                     "ки зани ҳомиларо аз кор озод кунад, ба истиснои барҳам хӯрдани ташкилот. "
                     "Маълумотномаҳои тиббиро нигоҳ доред.</p>"),
                ],
                "hotline_message": "Маслиҳати махфӣ лозим аст? Занг занед",
            },
            "ky": {
                "title": "Эмгек мигранты аялдардын коопсуздугу жана укуктары",
                "summary": "Келишимиңиз, эмгек акыңыз жана документтериңиз — сиздики. Сапарга "
                           "чейин эмнени макулдашуу керек, эксплуатациянын белгилери жана каалаган "
                           "убакта жардамды кайдан алууга болот.",
                "intro": "<p>Аялдар чет өлкөдө кам көрүү, тазалоо, мейманканалар, айыл чарба жана "
                         "өндүрүш тармактарында иштешет. Алардын укуктары ар бир жумушчунукундай: "
                         "жазуу жүзүндөгү келишим, макулдашылган эмгек акы толук жана өз "
                         "убагында, дем алыш күндөр жана коопсуз турак жай.</p><p>Эч ким "
                         "паспортуңузду алууга, жүрүшүңүздү чектөөгө же жумуш үчүн «карызды» "
                         "иштеп берүүгө мажбурлоого укуксуз.</p>",
                "steps_heading": "Сапарга чейин",
                "steps": [
                    ("Ишенген адамыңызга кайда бара жатканыңызды айтыңыз",
                     "<p>Ага иш берүүчүнүн жана агенттиктин аталыштарын, даректерин, паспорттун "
                     "жана келишимдин көчүрмөлөрүн калтырыңыз.</p>", "", "", ""),
                    ("Иш берүүчүнү жана агенттикти текшериңиз",
                     "<p>Реестрди жана текшерүү барагын колдонуңуз. Социалдык тармактар аркылуу "
                     "гана келген сунуштардан сак болуңуз.</p>", "", "акысыз", "«Караван»"),
                    ("Турак жай жөнүндө жазуу жүзүндө макулдашыңыз",
                     "<p>Кайда, ким менен жашайсыз жана ал үчүн төлөйсүзбү.</p>", "", "", ""),
                    ("Шашылыш номерлерди сактап алыңыз",
                     "<p>112 Казакстанда жана Орусияда акысыз жана күнү-түнү иштейт.</p>",
                     "", "акысыз", ""),
                ],
                "checklist_heading": "Адам сатуунун же мажбурлап иштетүүнүн белгилери",
                "checklist": ["Бирөө паспортуңузду же телефонуңузду өзүндө кармап турат",
                              "Жол же жумуш үчүн карызсыз деп айтышат",
                              "Иш ордун же үйдү таштап чыгууга уруксат беришпейт",
                              "Жумуш убада кылынгандай эмес",
                              "Сизге же үй-бүлөңүзгө коркутуу"],
                "faq_heading": "Суроолор",
                "faq": [
                    ("Коркунучта экенимди сезсем, кайда кайрылам?",
                     "<p>Шашылыш учурда 112ге чалыңыз. Ресурстук борбор же элчилик баш "
                     "калкалоочу жай табууга жана үйгө коопсуз кайтууга жардам берет.</p>"),
                    ("Кош бойлуу болгонум үчүн жумуштан бошотушу мүмкүнбү?",
                     "<p>Жок. Казакстандын жана Орусиянын эмгек мыйзамдары иш берүүчүгө кош "
                     "бойлуу кызматкерди жумуштан бошотууга тыюу салат, уюм жоюлган учурдан "
                     "башка. Медициналык маалымкаттарды сактаңыз.</p>"),
                ],
                "hotline_message": "Купуя кеңеш керекпи? Чалыңыз",
            },
            "uz": {
                "title": "Mehnat muhojiri ayollarning xavfsizligi va huquqlari",
                "summary": "Shartnomangiz, ish haqingiz va hujjatlaringiz — sizniki. Joʻnashdan "
                           "oldin nimani kelishib olish kerak, ekspluatatsiya belgilari va istalgan "
                           "vaqtda yordamni qayerdan olish mumkin.",
                "intro": "<p>Ayollar chet elda parvarish, tozalash, mehmonxonalar, qishloq "
                         "xoʻjaligi va ishlab chiqarishda ishlaydi. Ularning huquqlari har qanday "
                         "ishchinikidek: yozma shartnoma, kelishilgan ish haqi toʻliq va oʻz "
                         "vaqtida, dam olish kunlari va xavfsiz turar joy.</p><p>Hech kim "
                         "pasportingizni olishga, harakatingizni cheklashga yoki ish uchun "
                         "«qarz»ni ishlab berishga majburlashga haqli emas.</p>",
                "steps_heading": "Joʻnashdan oldin",
                "steps": [
                    ("Ishongan odamingizga qayerga ketayotganingizni ayting",
                     "<p>Unga ish beruvchi va agentlik nomlari, manzillarini, pasport va "
                     "shartnoma nusxalarini qoldiring.</p>", "", "", ""),
                    ("Ish beruvchi va agentlikni tekshiring",
                     "<p>Reyestr va tekshiruv sahifasidan foydalaning. Faqat ijtimoiy tarmoqlar "
                     "orqali kelgan takliflardan ehtiyot boʻling.</p>", "", "bepul", "«Karvon»"),
                    ("Turar joy haqida yozma kelishing",
                     "<p>Qayerda, kim bilan yashaysiz va buning uchun toʻlaysizmi.</p>",
                     "", "", ""),
                    ("Favqulodda raqamlarni saqlab qoʻying",
                     "<p>112 Qozogʻiston va Rossiyada bepul va kecha-kunduz ishlaydi.</p>",
                     "", "bepul", ""),
                ],
                "checklist_heading": "Odam savdosi yoki majburiy mehnat belgilari",
                "checklist": ["Kimdir pasportingiz yoki telefoningizni oʻzida ushlab turibdi",
                              "Sizga yoʻl yoki ish uchun qarzdorsiz deyishadi",
                              "Ish joyi yoki uydan chiqishga ruxsat berishmaydi",
                              "Ish vaʼda qilinganidek emas",
                              "Sizga yoki oilangizga tahdid"],
                "faq_heading": "Savollar",
                "faq": [
                    ("Oʻzimni xavf ostida his qilsam, qayerga murojaat qilaman?",
                     "<p>Favqulodda holatda 112 ga qoʻngʻiroq qiling. Resurs markazi yoki "
                     "elchixona boshpana topishga va uyga xavfsiz qaytishga yordam beradi.</p>"),
                    ("Homiladorligim uchun ishdan boʻshatishlari mumkinmi?",
                     "<p>Yoʻq. Qozogʻiston va Rossiya mehnat qonunchiligi ish beruvchiga "
                     "homilador xodimni ishdan boʻshatishni taqiqlaydi, tashkilot tugatilgan "
                     "holat bundan mustasno. Tibbiy maʼlumotnomalarni saqlang.</p>"),
                ],
                "hotline_message": "Maxfiy maslahat kerakmi? Qoʻngʻiroq qiling",
            },
        },
    },
]

# --- Destination guides --------------------------------------------------------------------

#: Same numbers in Kazakhstan and Russia: 112 single number, 101 fire, 102 police, 103 ambulance.
EMERGENCY_NUMBERS = ["112", "101", "102", "103"]
EMERGENCY_LABELS = {
    "en": ["Single emergency number", "Fire", "Police", "Ambulance"],
    "ru": ["Единый номер экстренных служб", "Пожарная служба", "Полиция", "Скорая помощь"],
    "tg": ["Рақами ягонаи хадамоти фавқулодда", "Хадамоти сӯхторхомӯшкунӣ", "Полис",
           "Ёрии таъҷилӣ"],
    "ky": ["Шашылыш кызматтардын бирдиктүү номери", "Өрт өчүрүү кызматы", "Милиция",
           "Тез жардам"],
    "uz": ["Favqulodda xizmatlarning yagona raqami", "Oʻt oʻchirish xizmati", "Politsiya",
           "Tez yordam"],
}
EMBASSY_NOTE = {
    "en": "Demo entry: take the address and phone from the embassy's official website.",
    "ru": "Демо-запись: адрес и телефон возьмите с официального сайта посольства.",
    "tg": "Сабти намунавӣ: суроға ва телефонро аз сомонаи расмии сафорат гиред.",
    "ky": "Демо жазуу: даректи жана телефонду элчиликтин расмий сайтынан алыңыз.",
    "uz": "Namuna yozuv: manzil va telefonni elchixonaning rasmiy saytidan oling.",
}

GUIDES = [
    {
        "slug": "kazakhstan", "country": "KZ", "hotlines": ["emergency-112", "karavan-line"],
        "centres": ["almaty"],
        "text": {
            "en": {
                "title": "Kazakhstan: guide for migrant workers",
                "summary": "Entry, registration, work permits, your rights and where to get help "
                           "in Kazakhstan.",
                "entry_intro": "<p>Citizens of Kyrgyzstan, Tajikistan and Uzbekistan enter "
                               "Kazakhstan without a visa with a valid passport. Check the rules "
                               "for your citizenship before you travel.</p>",
                "entry_steps": [
                    ("Fill in the migration card", "<p>Keep it until you leave.</p>",
                     "at the border", "free", "Border crossing"),
                    ("Register your stay",
                     "<p>The host or the employer registers you with the migration service or "
                     "through the e-government portal. Citizens of Eurasian Economic Union "
                     "states, such as Kyrgyzstan, may stay 30 days without registration.</p>",
                     "within the legal deadline (check on arrival)", "free",
                     "Migration service, public service centre, egov.kz"),
                ],
                "permits_intro": "<p>Citizens of Kyrgyzstan work under an employment contract, "
                                 "without a permit. Others need one of the following.</p>",
                "permit_steps": [
                    ("Work permit obtained by the employer",
                     "<p>The employer applies within the regional quota for foreign labour. Start "
                     "work only after the permit is issued.</p>", "before work starts",
                     "paid by the employer", "Local labour authority"),
                    ("Permit for a labour immigrant",
                     "<p>For work for private persons, for example in a household. Paid monthly in "
                     "advance as individual income tax.</p>",
                     "after arrival; extended by paying each month",
                     "fixed monthly amount set per region (illustrative: a few thousand tenge)",
                     "Migration service, public service centre"),
                ],
                "rights_heading": "Your rights",
                "rights": ["A written employment contract in a language you understand",
                           "At least the minimum wage, paid at least once a month",
                           "Rest days and paid annual leave",
                           "Safe working conditions and protective equipment",
                           "Keeping your own passport"],
                "duties": "<p>Your duties: keep your registration and permit valid, pay monthly "
                          "fees on time, respect the law, and leave before your permitted stay "
                          "ends.</p>",
                "embassies": ["Embassy of the Kyrgyz Republic in Kazakhstan (Astana)",
                              "Embassy of the Republic of Tajikistan in Kazakhstan (Astana)",
                              "Embassy of the Republic of Uzbekistan in Kazakhstan (Astana)"],
            },
            "ru": {
                "title": "Казахстан: справочник для трудовых мигрантов",
                "summary": "Въезд, регистрация, разрешения на работу, ваши права и где получить "
                           "помощь в Казахстане.",
                "entry_intro": "<p>Граждане Кыргызстана, Таджикистана и Узбекистана въезжают в "
                               "Казахстан без визы по действующему паспорту. Уточните правила для "
                               "вашего гражданства до поездки.</p>",
                "entry_steps": [
                    ("Заполните миграционную карточку", "<p>Храните её до выезда.</p>",
                     "на границе", "бесплатно", "Пункт пропуска"),
                    ("Зарегистрируйте пребывание",
                     "<p>Принимающая сторона или работодатель регистрирует вас в миграционной "
                     "службе или через портал электронного правительства. Граждане государств "
                     "ЕАЭС, например Кыргызстана, могут находиться 30 дней без "
                     "регистрации.</p>",
                     "в установленный срок (уточните по приезде)", "бесплатно",
                     "Миграционная служба, ЦОН, egov.kz"),
                ],
                "permits_intro": "<p>Граждане Кыргызстана работают по трудовому договору без "
                                 "разрешения. Остальным нужен один из документов ниже.</p>",
                "permit_steps": [
                    ("Разрешение, которое получает работодатель",
                     "<p>Работодатель подаёт заявку в пределах региональной квоты на иностранную "
                     "рабочую силу. Начинайте работу только после выдачи разрешения.</p>",
                     "до начала работы", "оплачивает работодатель", "Местный орган по труду"),
                    ("Разрешение трудовому иммигранту",
                     "<p>Для работы у физических лиц, например в домашнем хозяйстве. Оплачивается "
                     "ежемесячно вперёд как индивидуальный подоходный налог.</p>",
                     "после приезда; продлевается ежемесячной оплатой",
                     "фиксированная ежемесячная сумма, своя в каждом регионе (иллюстративно: "
                     "несколько тысяч тенге)", "Миграционная служба, ЦОН"),
                ],
                "rights_heading": "Ваши права",
                "rights": ["Письменный трудовой договор на понятном вам языке",
                           "Зарплата не ниже минимальной, не реже раза в месяц",
                           "Выходные дни и оплачиваемый ежегодный отпуск",
                           "Безопасные условия труда и средства защиты",
                           "Ваш паспорт остаётся у вас"],
                "duties": "<p>Ваши обязанности: поддерживать регистрацию и разрешение в силе, "
                          "вовремя вносить ежемесячные платежи, соблюдать закон и выехать до "
                          "окончания разрешённого срока пребывания.</p>",
                "embassies": ["Посольство Кыргызской Республики в Казахстане (Астана)",
                              "Посольство Республики Таджикистан в Казахстане (Астана)",
                              "Посольство Республики Узбекистан в Казахстане (Астана)"],
            },
            "tg": {
                "title": "Қазоқистон: дастур барои муҳоҷирони меҳнатӣ",
                "summary": "Воридшавӣ, бақайдгирӣ, иҷозати корӣ, ҳуқуқҳои шумо ва дар куҷо дар "
                           "Қазоқистон кӯмак гирифтан мумкин аст.",
                "entry_intro": "<p>Шаҳрвандони Қирғизистон, Тоҷикистон ва Ӯзбекистон ба Қазоқистон "
                               "бе раводид бо шиносномаи эътибордор ворид мешаванд. Қоидаҳоро "
                               "барои шаҳрвандии худ пеш аз сафар аниқ кунед.</p>",
                "entry_steps": [
                    ("Корти муҳоҷиратиро пур кунед", "<p>Онро то баромадан нигоҳ доред.</p>",
                     "дар сарҳад", "ройгон", "Гузаргоҳи сарҳадӣ"),
                    ("Будубоши худро ба қайд гиред",
                     "<p>Тарафи қабулкунанда ё корфармо шуморо дар хадамоти муҳоҷират ё тавассути "
                     "портали ҳукумати электронӣ ба қайд мегирад. Шаҳрвандони давлатҳои ИИАО, "
                     "масалан Қирғизистон, метавонанд 30 рӯз бе бақайдгирӣ бошанд.</p>",
                     "дар мӯҳлати муқарраршуда (ҳангоми омадан аниқ кунед)", "ройгон",
                     "Хадамоти муҳоҷират, ЦОН, egov.kz"),
                ],
                "permits_intro": "<p>Шаҳрвандони Қирғизистон бо шартномаи меҳнатӣ бе иҷозат кор "
                                 "мекунанд. Ба дигарон яке аз ҳуҷҷатҳои зерин лозим аст.</p>",
                "permit_steps": [
                    ("Иҷозате, ки корфармо мегирад",
                     "<p>Корфармо дар доираи квотаи минтақавӣ барои қувваи кории хориҷӣ дархост "
                     "медиҳад. Корро танҳо пас аз додани иҷозат оғоз кунед.</p>",
                     "то оғози кор", "корфармо мепардозад", "Мақомоти маҳаллии меҳнат"),
                    ("Иҷозати муҳоҷири меҳнатӣ",
                     "<p>Барои кор дар назди шахсони воқеӣ, масалан дар хоҷагии хонагӣ. Ҳар моҳ "
                     "пешакӣ ҳамчун андози даромади шахсӣ пардохт мешавад.</p>",
                     "пас аз омадан; бо пардохти ҳармоҳа тамдид мешавад",
                     "маблағи собити ҳармоҳа, дар ҳар минтақа алоҳида (намунавӣ: якчанд ҳазор "
                     "тенге)", "Хадамоти муҳоҷират, ЦОН"),
                ],
                "rights_heading": "Ҳуқуқҳои шумо",
                "rights": ["Шартномаи меҳнатии хаттӣ бо забоне, ки мефаҳмед",
                           "Музд на камтар аз ҳадди ақал, на камтар аз як бор дар як моҳ",
                           "Рӯзҳои истироҳат ва рухсатии ҳарсолаи пардохтшаванда",
                           "Шароити бехатари кор ва воситаҳои муҳофизатӣ",
                           "Шиноснома дар дасти худи шумо мемонад"],
                "duties": "<p>Ӯҳдадориҳои шумо: бақайдгирӣ ва иҷозатро эътибордор нигоҳ доштан, "
                          "пардохтҳои ҳармоҳаро сари вақт супоридан, қонунро риоя кардан ва то "
                          "анҷоми мӯҳлати иҷозатдодашудаи будубош баромада рафтан.</p>",
                "embassies": ["Сафорати Ҷумҳурии Қирғизистон дар Қазоқистон (Остона)",
                              "Сафорати Ҷумҳурии Тоҷикистон дар Қазоқистон (Остона)",
                              "Сафорати Ҷумҳурии Ӯзбекистон дар Қазоқистон (Остона)"],
            },
            "ky": {
                "title": "Казакстан: эмгек мигранттары үчүн колдонмо",
                "summary": "Кирүү, каттоо, иштөөгө уруксаттар, сиздин укуктарыңыз жана "
                           "Казакстанда жардамды кайдан алууга болот.",
                "entry_intro": "<p>Кыргызстандын, Тажикстандын жана Өзбекстандын жарандары "
                               "Казакстанга жарактуу паспорт менен визасыз киришет. Сапарга чейин "
                               "жарандыгыңыз үчүн эрежелерди тактаңыз.</p>",
                "entry_steps": [
                    ("Миграциялык картаны толтуруңуз",
                     "<p>Аны чыгып кеткенге чейин сактаңыз.</p>", "чек арада", "акысыз",
                     "Өткөрүү пункту"),
                    ("Болушуңузду каттатыңыз",
                     "<p>Кабыл алуучу тарап же иш берүүчү сизди миграциялык кызматта же "
                     "электрондук өкмөт порталы аркылуу каттайт. ЕАЭБ мамлекеттеринин, мисалы "
                     "Кыргызстандын жарандары 30 күн каттоосуз жүрө алышат.</p>",
                     "белгиленген мөөнөттө (келгенде тактаңыз)", "акысыз",
                     "Миграциялык кызмат, ЦОН, egov.kz"),
                ],
                "permits_intro": "<p>Кыргызстандын жарандары эмгек келишими боюнча уруксатсыз "
                                 "иштешет. Башкаларга төмөнкү документтердин бири керек.</p>",
                "permit_steps": [
                    ("Иш берүүчү ала турган уруксат",
                     "<p>Иш берүүчү чет элдик жумушчу күчүнө аймактык квотанын чегинде арыз "
                     "берет. Уруксат берилгенден кийин гана иштей баштаңыз.</p>",
                     "иш башталганга чейин", "иш берүүчү төлөйт", "Жергиликтүү эмгек органы"),
                    ("Эмгек иммигрантына уруксат",
                     "<p>Жеке адамдарда, мисалы үй чарбасында иштөө үчүн. Ай сайын алдын ала "
                     "жеке киреше салыгы катары төлөнөт.</p>",
                     "келгенден кийин; ай сайын төлөө менен узартылат",
                     "ар бир аймакта белгиленген ай сайынкы туруктуу сумма (мисал катары: бир "
                     "нече миң теңге)", "Миграциялык кызмат, ЦОН"),
                ],
                "rights_heading": "Сиздин укуктарыңыз",
                "rights": ["Сиз түшүнгөн тилдеги жазуу жүзүндөгү эмгек келишими",
                           "Минималдуу айлыктан кем эмес, айына жок дегенде бир жолу",
                           "Дем алыш күндөр жана акы төлөнүүчү жылдык өргүү",
                           "Коопсуз эмгек шарттары жана коргоочу каражаттар",
                           "Паспортуңуз өзүңүздө калат"],
                "duties": "<p>Сиздин милдеттериңиз: каттоону жана уруксатты жарактуу кармоо, ай "
                          "сайынкы төлөмдөрдү өз убагында төлөө, мыйзамды сактоо жана уруксат "
                          "берилген мөөнөт бүткөнгө чейин чыгып кетүү.</p>",
                "embassies": ["Кыргыз Республикасынын Казакстандагы элчилиги (Астана)",
                              "Тажикстан Республикасынын Казакстандагы элчилиги (Астана)",
                              "Өзбекстан Республикасынын Казакстандагы элчилиги (Астана)"],
            },
            "uz": {
                "title": "Qozogʻiston: mehnat muhojirlari uchun qoʻllanma",
                "summary": "Kirish, roʻyxatdan oʻtish, ishlashga ruxsatnomalar, huquqlaringiz va "
                           "Qozogʻistonda yordamni qayerdan olish mumkin.",
                "entry_intro": "<p>Qirgʻiziston, Tojikiston va Oʻzbekiston fuqarolari "
                               "Qozogʻistonga amaldagi pasport bilan vizasiz kiradi. Safardan "
                               "oldin fuqaroligingiz uchun qoidalarni aniqlang.</p>",
                "entry_steps": [
                    ("Migratsiya kartasini toʻldiring",
                     "<p>Uni chiqib ketguningizcha saqlang.</p>", "chegarada", "bepul",
                     "Chegara punkti"),
                    ("Boʻlishingizni roʻyxatdan oʻtkazing",
                     "<p>Qabul qiluvchi tomon yoki ish beruvchi sizni migratsiya xizmatida yoki "
                     "elektron hukumat portali orqali roʻyxatdan oʻtkazadi. YeOII davlatlari, "
                     "masalan Qirgʻiziston fuqarolari 30 kun roʻyxatdan oʻtmasdan boʻlishi "
                     "mumkin.</p>",
                     "belgilangan muddatda (kelganda aniqlang)", "bepul",
                     "Migratsiya xizmati, AXM (ЦОН), egov.kz"),
                ],
                "permits_intro": "<p>Qirgʻiziston fuqarolari mehnat shartnomasi asosida "
                                 "ruxsatnomasiz ishlaydi. Boshqalarga quyidagi hujjatlardan biri "
                                 "kerak.</p>",
                "permit_steps": [
                    ("Ish beruvchi oladigan ruxsatnoma",
                     "<p>Ish beruvchi chet el ishchi kuchi uchun hududiy kvota doirasida ariza "
                     "beradi. Ishni faqat ruxsatnoma berilgandan keyin boshlang.</p>",
                     "ish boshlanishidan oldin", "ish beruvchi toʻlaydi",
                     "Mahalliy mehnat organi"),
                    ("Mehnat immigrantiga ruxsatnoma",
                     "<p>Jismoniy shaxslarda, masalan uy xoʻjaligida ishlash uchun. Har oy "
                     "oldindan jismoniy shaxslar daromad soligʻi sifatida toʻlanadi.</p>",
                     "kelgandan keyin; har oy toʻlash bilan uzaytiriladi",
                     "har bir viloyatda belgilangan oylik qatʼiy summa (namuna sifatida: bir "
                     "necha ming tenge)", "Migratsiya xizmati, AXM (ЦОН)"),
                ],
                "rights_heading": "Sizning huquqlaringiz",
                "rights": ["Siz tushunadigan tildagi yozma mehnat shartnomasi",
                           "Eng kam ish haqidan past boʻlmagan, oyiga kamida bir marta",
                           "Dam olish kunlari va haq toʻlanadigan yillik taʼtil",
                           "Xavfsiz mehnat sharoitlari va himoya vositalari",
                           "Pasportingiz oʻzingizda qoladi"],
                "duties": "<p>Majburiyatlaringiz: roʻyxat va ruxsatnomani amalda saqlash, oylik "
                          "toʻlovlarni oʻz vaqtida toʻlash, qonunga rioya qilish va ruxsat "
                          "etilgan muddat tugagunga qadar chiqib ketish.</p>",
                "embassies": ["Qirgʻiziston Respublikasining Qozogʻistondagi elchixonasi (Astana)",
                              "Tojikiston Respublikasining Qozogʻistondagi elchixonasi (Astana)",
                              "Oʻzbekiston Respublikasining Qozogʻistondagi elchixonasi (Astana)"],
            },
        },
    },
    {
        "slug": "russia", "country": "RU", "hotlines": ["emergency-112", "karavan-line"],
        "centres": ["moscow"],
        "text": {
            "en": {
                "title": "Russia: guide for migrant workers",
                "summary": "Entry, registration, patents and work permits, your rights and where "
                           "to get help in Russia.",
                "entry_intro": "<p>Citizens of Kyrgyzstan, Kazakhstan, Tajikistan and Uzbekistan "
                               "enter Russia without a visa. Write “work” as the purpose of your "
                               "visit on the migration card: with another purpose you cannot "
                               "obtain a patent.</p>",
                "entry_steps": [
                    ("Migration card with the purpose “work”", "", "at the border", "free",
                     "Border crossing"),
                    ("Migration registration",
                     "<p>The host notifies the migration authority. Citizens of Eurasian Economic "
                     "Union states (Kyrgyzstan, Kazakhstan) may stay 30 days without "
                     "registration.</p>",
                     "after arrival (illustrative: 7 working days for most; check)", "free",
                     "Migration police, post office, public service centre"),
                    ("Medical examination and fingerprinting",
                     "<p>Required for everybody who comes to work.</p>",
                     "within 30 days of entry (illustrative)",
                     "paid (illustrative: several thousand roubles)",
                     "Regional migration centre"),
                ],
                "permits_intro": "<p>Citizens of Kyrgyzstan and Kazakhstan work under an "
                                 "employment contract, without a permit or a patent. Citizens of "
                                 "Tajikistan and Uzbekistan work with a patent.</p>",
                "permit_steps": [
                    ("Apply for the patent",
                     "<p>With passport, migration card, registration slip, medical certificates, "
                     "the certificate of the exam in Russian language, history and basics of law, "
                     "and voluntary medical insurance.</p>", "within 30 days of entry",
                     "fees and services: several thousand roubles (illustrative)",
                     "Regional migration centre"),
                    ("Pay the fixed advance tax every month",
                     "<p>A late payment ends the patent. Keep every receipt.</p>",
                     "before the paid period ends",
                     "set per region; Moscow about 8,900 roubles per month in 2025 "
                     "(illustrative)", "Bank, tax service"),
                    ("Work only in the region of your patent", "", "", "", ""),
                ],
                "rights_heading": "Your rights",
                "rights": ["A written employment contract",
                           "The same rules on wages and working hours as for Russian citizens",
                           "Emergency medical care free of charge",
                           "Keeping your own passport",
                           "Complaining to the labour inspectorate"],
                "duties": "<p>Your duties: keep your registration and patent valid, pay on time, "
                          "carry your documents, respect the law, and leave before your permitted "
                          "stay ends.</p>",
                "embassies": ["Embassy of the Kyrgyz Republic in Russia (Moscow)",
                              "Embassy of the Republic of Tajikistan in Russia (Moscow)",
                              "Embassy of the Republic of Uzbekistan in Russia (Moscow)"],
            },
            "ru": {
                "title": "Россия: справочник для трудовых мигрантов",
                "summary": "Въезд, регистрация, патенты и разрешения на работу, ваши права и где "
                           "получить помощь в России.",
                "entry_intro": "<p>Граждане Кыргызстана, Казахстана, Таджикистана и Узбекистана "
                               "въезжают в Россию без визы. Укажите в миграционной карте цель "
                               "визита «работа»: с другой целью патент не оформить.</p>",
                "entry_steps": [
                    ("Миграционная карта с целью «работа»", "", "на границе", "бесплатно",
                     "Пункт пропуска"),
                    ("Миграционный учёт",
                     "<p>Принимающая сторона уведомляет миграционный орган. Граждане государств "
                     "ЕАЭС (Кыргызстан, Казахстан) могут находиться 30 дней без "
                     "регистрации.</p>",
                     "после приезда (иллюстративно: для большинства 7 рабочих дней; уточните)",
                     "бесплатно", "Отдел по вопросам миграции, почта, МФЦ"),
                    ("Медосвидетельствование и дактилоскопия",
                     "<p>Обязательны для всех, кто приезжает работать.</p>",
                     "в течение 30 дней после въезда (иллюстративно)",
                     "платно (иллюстративно: несколько тысяч рублей)",
                     "Региональный миграционный центр"),
                ],
                "permits_intro": "<p>Граждане Кыргызстана и Казахстана работают по трудовому "
                                 "договору без разрешения и патента. Граждане Таджикистана и "
                                 "Узбекистана работают по патенту.</p>",
                "permit_steps": [
                    ("Подайте документы на патент",
                     "<p>Паспорт, миграционная карта, отрывной талон, медицинские справки, "
                     "сертификат об экзамене по русскому языку, истории и основам "
                     "законодательства, полис ДМС.</p>", "в течение 30 дней после въезда",
                     "пошлины и услуги: несколько тысяч рублей (иллюстративно)",
                     "Региональный миграционный центр"),
                    ("Ежемесячно вносите фиксированный авансовый платёж",
                     "<p>Просрочка прекращает действие патента. Храните все чеки.</p>",
                     "до окончания оплаченного периода",
                     "своя в каждом регионе; Москва — около 8 900 рублей в месяц в 2025 году "
                     "(иллюстративно)", "Банк, налоговая служба"),
                    ("Работайте только в регионе, выдавшем патент", "", "", "", ""),
                ],
                "rights_heading": "Ваши права",
                "rights": ["Письменный трудовой договор",
                           "Те же правила об оплате и рабочем времени, что и для граждан России",
                           "Бесплатная экстренная медицинская помощь",
                           "Ваш паспорт остаётся у вас",
                           "Жалоба в трудовую инспекцию"],
                "duties": "<p>Ваши обязанности: поддерживать регистрацию и патент в силе, платить "
                          "вовремя, иметь документы при себе, соблюдать закон и выехать до "
                          "окончания разрешённого срока пребывания.</p>",
                "embassies": ["Посольство Кыргызской Республики в России (Москва)",
                              "Посольство Республики Таджикистан в России (Москва)",
                              "Посольство Республики Узбекистан в России (Москва)"],
            },
            "tg": {
                "title": "Русия: дастур барои муҳоҷирони меҳнатӣ",
                "summary": "Воридшавӣ, бақайдгирӣ, патентҳо ва иҷозати корӣ, ҳуқуқҳои шумо ва дар "
                           "куҷо дар Русия кӯмак гирифтан мумкин аст.",
                "entry_intro": "<p>Шаҳрвандони Қирғизистон, Қазоқистон, Тоҷикистон ва Ӯзбекистон ба "
                               "Русия бе раводид ворид мешаванд. Дар корти муҳоҷиратӣ мақсади "
                               "сафарро «кор» нависед: бо мақсади дигар патент гирифта "
                               "намешавад.</p>",
                "entry_steps": [
                    ("Корти муҳоҷиратӣ бо мақсади «кор»", "", "дар сарҳад", "ройгон",
                     "Гузаргоҳи сарҳадӣ"),
                    ("Бақайдгирии муҳоҷиратӣ",
                     "<p>Тарафи қабулкунанда ба мақомоти муҳоҷират хабар медиҳад. Шаҳрвандони "
                     "давлатҳои ИИАО (Қирғизистон, Қазоқистон) метавонанд 30 рӯз бе бақайдгирӣ "
                     "бошанд.</p>",
                     "пас аз омадан (намунавӣ: барои аксарият 7 рӯзи корӣ; аниқ кунед)",
                     "ройгон", "Шуъбаи муҳоҷират, почта, МФЦ"),
                    ("Муоинаи тиббӣ ва дактилоскопия",
                     "<p>Барои ҳамаи касоне, ки барои кор меоянд, ҳатмист.</p>",
                     "дар давоми 30 рӯз пас аз ворид шудан (намунавӣ)",
                     "пулакӣ (намунавӣ: якчанд ҳазор рубл)", "Маркази минтақавии муҳоҷират"),
                ],
                "permits_intro": "<p>Шаҳрвандони Қирғизистон ва Қазоқистон бо шартномаи меҳнатӣ бе "
                                 "иҷозат ва патент кор мекунанд. Шаҳрвандони Тоҷикистон ва "
                                 "Ӯзбекистон бо патент кор мекунанд.</p>",
                "permit_steps": [
                    ("Барои патент ҳуҷҷат супоред",
                     "<p>Шиноснома, корти муҳоҷиратӣ, қисми ҷудошаванда, маълумотномаҳои тиббӣ, "
                     "сертификати имтиҳон аз забони русӣ, таърих ва асосҳои қонунгузорӣ, полиси "
                     "суғуртаи ихтиёрии тиббӣ.</p>", "дар давоми 30 рӯз пас аз ворид шудан",
                     "боҷҳо ва хизматҳо: якчанд ҳазор рубл (намунавӣ)",
                     "Маркази минтақавии муҳоҷират"),
                    ("Ҳар моҳ пардохти собити пешакиро супоред",
                     "<p>Дер мондан амали патентро қатъ мекунад. Ҳамаи чекҳоро нигоҳ доред.</p>",
                     "то анҷоми давраи пардохтшуда",
                     "дар ҳар минтақа алоҳида; Москва — тақрибан 8 900 рубл дар як моҳ дар соли "
                     "2025 (намунавӣ)", "Бонк, хадамоти андоз"),
                    ("Танҳо дар минтақае кор кунед, ки патентро додааст", "", "", "", ""),
                ],
                "rights_heading": "Ҳуқуқҳои шумо",
                "rights": ["Шартномаи меҳнатии хаттӣ",
                           "Ҳамон қоидаҳои музд ва вақти корӣ, ки барои шаҳрвандони Русия ҳастанд",
                           "Ёрии таъҷилии тиббии ройгон",
                           "Шиноснома дар дасти худи шумо мемонад",
                           "Шикоят ба нозироти меҳнат"],
                "duties": "<p>Ӯҳдадориҳои шумо: бақайдгирӣ ва патентро эътибордор нигоҳ доштан, сари "
                          "вақт пардохтан, ҳуҷҷатҳоро бо худ доштан, қонунро риоя кардан ва то "
                          "анҷоми мӯҳлати иҷозатдодашудаи будубош баромада рафтан.</p>",
                "embassies": ["Сафорати Ҷумҳурии Қирғизистон дар Русия (Москва)",
                              "Сафорати Ҷумҳурии Тоҷикистон дар Русия (Москва)",
                              "Сафорати Ҷумҳурии Ӯзбекистон дар Русия (Москва)"],
            },
            "ky": {
                "title": "Орусия: эмгек мигранттары үчүн колдонмо",
                "summary": "Кирүү, каттоо, патенттер жана иштөөгө уруксаттар, сиздин укуктарыңыз "
                           "жана Орусияда жардамды кайдан алууга болот.",
                "entry_intro": "<p>Кыргызстандын, Казакстандын, Тажикстандын жана Өзбекстандын "
                               "жарандары Орусияга визасыз киришет. Миграциялык картага келүүнүн "
                               "максатын «иш» деп жазыңыз: башка максат менен патент "
                               "алынбайт.</p>",
                "entry_steps": [
                    ("«Иш» максаты жазылган миграциялык карта", "", "чек арада", "акысыз",
                     "Өткөрүү пункту"),
                    ("Миграциялык каттоо",
                     "<p>Кабыл алуучу тарап миграциялык органга билдирет. ЕАЭБ мамлекеттеринин "
                     "(Кыргызстан, Казакстан) жарандары 30 күн каттоосуз жүрө алышат.</p>",
                     "келгенден кийин (мисал катары: көпчүлүк үчүн 7 иш күнү; тактаңыз)",
                     "акысыз", "Миграция бөлүмү, почта, МФЦ"),
                    ("Медициналык текшерүү жана дактилоскопия",
                     "<p>Иштөөгө келгендердин баары үчүн милдеттүү.</p>",
                     "кирген күндөн тартып 30 күндүн ичинде (мисал катары)",
                     "акы төлөнөт (мисал катары: бир нече миң рубль)",
                     "Аймактык миграциялык борбор"),
                ],
                "permits_intro": "<p>Кыргызстандын жана Казакстандын жарандары эмгек келишими "
                                 "боюнча уруксатсыз жана патентсиз иштешет. Тажикстандын жана "
                                 "Өзбекстандын жарандары патент менен иштешет.</p>",
                "permit_steps": [
                    ("Патентке документ тапшырыңыз",
                     "<p>Паспорт, миграциялык карта, айрылма талон, медициналык маалымкаттар, "
                     "орус тили, тарых жана мыйзамдардын негиздери боюнча экзамендин "
                     "сертификаты, ыктыярдуу медициналык камсыздандыруу полиси.</p>",
                     "кирген күндөн тартып 30 күндүн ичинде",
                     "алымдар жана кызматтар: бир нече миң рубль (мисал катары)",
                     "Аймактык миграциялык борбор"),
                    ("Ай сайын туруктуу аванстык төлөмдү төлөңүз",
                     "<p>Кечиктирүү патенттин күчүн жоготот. Бардык чектерди сактаңыз.</p>",
                     "төлөнгөн мөөнөт бүткөнгө чейин",
                     "ар бир аймакта өзүнчө; Москва — 2025-жылы айына болжол менен 8 900 рубль "
                     "(мисал катары)", "Банк, салык кызматы"),
                    ("Патент берген аймакта гана иштеңиз", "", "", "", ""),
                ],
                "rights_heading": "Сиздин укуктарыңыз",
                "rights": ["Жазуу жүзүндөгү эмгек келишими",
                           "Эмгек акы жана иш убактысы боюнча Орусиянын жарандарыныкындай "
                           "эрежелер",
                           "Акысыз шашылыш медициналык жардам",
                           "Паспортуңуз өзүңүздө калат",
                           "Эмгек инспекциясына даттануу"],
                "duties": "<p>Сиздин милдеттериңиз: каттоону жана патентти жарактуу кармоо, өз "
                          "убагында төлөө, документтерди жаныңызда алып жүрүү, мыйзамды сактоо "
                          "жана уруксат берилген мөөнөт бүткөнгө чейин чыгып кетүү.</p>",
                "embassies": ["Кыргыз Республикасынын Орусиядагы элчилиги (Москва)",
                              "Тажикстан Республикасынын Орусиядагы элчилиги (Москва)",
                              "Өзбекстан Республикасынын Орусиядагы элчилиги (Москва)"],
            },
            "uz": {
                "title": "Rossiya: mehnat muhojirlari uchun qoʻllanma",
                "summary": "Kirish, roʻyxatdan oʻtish, patentlar va ishlashga ruxsatnomalar, "
                           "huquqlaringiz va Rossiyada yordamni qayerdan olish mumkin.",
                "entry_intro": "<p>Qirgʻiziston, Qozogʻiston, Tojikiston va Oʻzbekiston fuqarolari "
                               "Rossiyaga vizasiz kiradi. Migratsiya kartasida tashrif maqsadini "
                               "«ish» deb yozing: boshqa maqsad bilan patent olib "
                               "boʻlmaydi.</p>",
                "entry_steps": [
                    ("«Ish» maqsadi yozilgan migratsiya kartasi", "", "chegarada", "bepul",
                     "Chegara punkti"),
                    ("Migratsiya hisobi",
                     "<p>Qabul qiluvchi tomon migratsiya organini xabardor qiladi. YeOII "
                     "davlatlari (Qirgʻiziston, Qozogʻiston) fuqarolari 30 kun roʻyxatdan "
                     "oʻtmasdan boʻlishi mumkin.</p>",
                     "kelgandan keyin (namuna sifatida: koʻpchilik uchun 7 ish kuni; aniqlang)",
                     "bepul", "Migratsiya boʻlimi, pochta, MFTs"),
                    ("Tibbiy koʻrik va daktiloskopiya",
                     "<p>Ishlashga kelgan har bir kishi uchun majburiy.</p>",
                     "kirgandan keyin 30 kun ichida (namuna sifatida)",
                     "pullik (namuna sifatida: bir necha ming rubl)",
                     "Hududiy migratsiya markazi"),
                ],
                "permits_intro": "<p>Qirgʻiziston va Qozogʻiston fuqarolari mehnat shartnomasi "
                                 "asosida ruxsatnoma va patentsiz ishlaydi. Tojikiston va "
                                 "Oʻzbekiston fuqarolari patent bilan ishlaydi.</p>",
                "permit_steps": [
                    ("Patent uchun hujjat topshiring",
                     "<p>Pasport, migratsiya kartasi, yirtib olinadigan talon, tibbiy "
                     "maʼlumotnomalar, rus tili, tarix va qonunchilik asoslari boʻyicha imtihon "
                     "sertifikati, ixtiyoriy tibbiy sugʻurta polisi.</p>",
                     "kirgandan keyin 30 kun ichida",
                     "yigʻimlar va xizmatlar: bir necha ming rubl (namuna sifatida)",
                     "Hududiy migratsiya markazi"),
                    ("Har oy qatʼiy avans toʻlovini toʻlang",
                     "<p>Kechikish patentni bekor qiladi. Barcha cheklarni saqlang.</p>",
                     "toʻlangan muddat tugagunga qadar",
                     "har bir hududda alohida; Moskva — 2025-yilda oyiga taxminan 8 900 rubl "
                     "(namuna sifatida)", "Bank, soliq xizmati"),
                    ("Faqat patent bergan hududda ishlang", "", "", "", ""),
                ],
                "rights_heading": "Sizning huquqlaringiz",
                "rights": ["Yozma mehnat shartnomasi",
                           "Ish haqi va ish vaqti boʻyicha Rossiya fuqarolari bilan bir xil "
                           "qoidalar",
                           "Bepul shoshilinch tibbiy yordam",
                           "Pasportingiz oʻzingizda qoladi",
                           "Mehnat inspeksiyasiga shikoyat qilish"],
                "duties": "<p>Majburiyatlaringiz: roʻyxat va patentni amalda saqlash, oʻz vaqtida "
                          "toʻlash, hujjatlarni yoningizda olib yurish, qonunga rioya qilish va "
                          "ruxsat etilgan muddat tugagunga qadar chiqib ketish.</p>",
                "embassies": ["Qirgʻiziston Respublikasining Rossiyadagi elchixonasi (Moskva)",
                              "Tojikiston Respublikasining Rossiyadagi elchixonasi (Moskva)",
                              "Oʻzbekiston Respublikasining Rossiyadagi elchixonasi (Moskva)"],
            },
        },
    },
]

#: A campaign the demo leaves waiting for the reviewer, so the moderation queue is not empty.
DRAFT_CAMPAIGN = {
    "slug": "coming-home", "audience": "returnees", "origins": ["KG", "TJ", "UZ"],
    "destinations": ["KZ", "RU"], "period": ("2026-10-01", None),
    "text": {
        "ru": {
            "title": "Возвращение домой: что взять с собой",
            "summary": "Документы о стаже, расчёт по зарплате и справки, которые пригодятся "
                       "дома и при следующем сезоне.",
            "intro": "<p>Перед выездом получите окончательный расчёт и документы о работе: они "
                     "понадобятся для пенсии и при следующем найме.</p>",
            "steps_heading": "Перед выездом",
            "steps": [("Получите окончательный расчёт",
                       "<p>Зарплату за отработанное время и компенсацию за неиспользованный "
                       "отпуск.</p>", "в последний рабочий день", "", "")],
            "checklist_heading": "Документы",
            "checklist": ["Трудовой договор", "Справка о доходах", "Квитанции платежей"],
            "faq_heading": "Вопросы",
            "faq": [("Можно ли вернуться на следующий сезон?",
                     "<p>Да, если вы соблюдали сроки пребывания. Следите за вакансиями в "
                     "«Караване».</p>")],
            "hotline_message": "Вопросы о возвращении? Звоните",
        },
    },
}
